package jp.mamori.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Small state files written the one safe way: a temporary sibling, fsync, atomic rename, fsync of the directory.
 * A crash or power cut leaves the old file or the new one, never half of one; a failed write (a full disk)
 * leaves the old file and removes its partial temporary file, so a full disk is not made fuller.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void writeString(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8), null);
  }

  /** Writes with these POSIX permissions from the first byte on (e.g. {@code rw-------} for a credential). */
  public static void writeString(Path file, String text, String permissions) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString(permissions));
  }

  static void write(Path file, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    List<FileAttribute<?>> attrs = new ArrayList<>();
    if (permissions != null) {
      attrs.add(PosixFilePermissions.asFileAttribute(permissions));
    }
    try {
      try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          attrs.toArray(new FileAttribute<?>[0]))) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    if (permissions != null) {
      Files.setPosixFilePermissions(abs, permissions);
    }
    try (FileChannel d = FileChannel.open(abs.getParent(), StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems cannot open a directory for sync; the rename itself is still atomic there
    }
  }
}
