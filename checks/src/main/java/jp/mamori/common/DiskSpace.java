package jp.mamori.common;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Tells a full disk from other write failures, and says how much room there is, in words for a log line. */
public final class DiskSpace {
  private DiskSpace() {}

  /** SQLITE_FULL, or an IO error whose cause is ENOSPC / EDQUOT, anywhere in the cause chain. */
  public static boolean isFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
        return true;
      }
      if (t instanceof SQLException s && String.valueOf(s.getMessage()).contains("SQLITE_FULL")) {
        return true;
      }
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof IOException && (m.contains("no space left on device") || m.contains("disk quota exceeded"))) {
        return true;
      }
      for (Throwable s : t.getSuppressed()) {
        if (isFull(s)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Bytes this process may still write on the file system holding {@code path} (or its nearest existing parent); -1 if unknown. */
  public static long usable(Path path) {
    try {
      return store(path).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** "free 0 B of 4.0 MiB for /var/lib/mamori/agent": the numbers a person needs to act on a full disk. */
  public static String describe(Path path) {
    try {
      FileStore s = store(path);
      return "free " + bytes(s.getUsableSpace()) + " of " + bytes(s.getTotalSpace()) + " for " + mountOf(path);
    } catch (IOException | RuntimeException e) {
      return "free space unknown (" + e.getMessage() + ")";
    }
  }

  private static FileStore store(Path path) throws IOException {
    Path p = path.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IOException("no existing parent of " + path);
    }
    return Files.getFileStore(p);
  }

  private static String mountOf(Path path) {
    Path p = path.toAbsolutePath();
    return Files.isDirectory(p) || p.getParent() == null ? p.toString() : p.getParent().toString();
  }

  public static String bytes(long n) {
    if (n < 0) {
      return "?";
    }
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
