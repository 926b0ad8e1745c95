package jp.mamori.console.agentpackages;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The control fields of a .deb file, read the way dpkg-deb reads them: an ar archive whose first member is
 * {@code debian-binary} ("2.x"), whose second is {@code control.tar} (plain or gzip: what jdeb and
 * {@code dpkg-deb -Zgzip} make) holding {@code ./control}. Nothing is unpacked to disk. Blocking.
 */
public final class DebControl {
  static final int MAX_CONTROL = 64 * 1024;
  private static final byte[] AR_MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);

  /** Why a file is not a .deb this console can read; the message says what was found. */
  public static final class NotADebException extends Exception {
    NotADebException(String message) {
      super(message);
    }
  }

  private DebControl() {}

  /** Field name → value (continuation lines joined with newlines), in file order. */
  public static Map<String, String> read(Path deb) throws IOException, NotADebException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(deb))) {
      byte[] magic = in.readNBytes(AR_MAGIC.length);
      if (!java.util.Arrays.equals(magic, AR_MAGIC)) {
        throw new NotADebException("not a Debian package: the file does not start with an ar archive header (\"!<arch>\")");
      }
      Member first = member(in);
      if (first == null || !first.name().equals("debian-binary")) {
        throw new NotADebException("not a Debian package: its first member is " + (first == null ? "missing" : "'" + first.name() + "'")
            + ", not 'debian-binary'");
      }
      String format = new String(first.read(in, 16), StandardCharsets.US_ASCII).strip();
      if (!format.startsWith("2.")) {
        throw new NotADebException("unsupported .deb format '" + format + "' (expected 2.x)");
      }
      Member control = member(in);
      if (control == null || !control.name().startsWith("control.tar")) {
        throw new NotADebException("not a Debian package: its second member is " + (control == null ? "missing" : "'" + control.name() + "'")
            + ", not control.tar");
      }
      InputStream tar = switch (control.name()) {
        case "control.tar" -> control.stream(in);
        case "control.tar.gz" -> new GZIPInputStream(control.stream(in));
        default -> throw new NotADebException("its control member is " + control.name() + "; this console reads control.tar and "
            + "control.tar.gz (as the project's build makes them; rebuild with dpkg-deb -Zgzip)");
      };
      try {
        return fields(controlFile(tar));
      } catch (java.io.EOFException | java.util.zip.ZipException e) {
        throw new NotADebException("the package is truncated or damaged inside " + control.name() + " (" + e.getMessage() + ")");
      }
    }
  }

  private record Member(String name, long size) {
    byte[] read(InputStream in, int max) throws IOException, NotADebException {
      if (size > max) {
        throw new NotADebException("member " + name + " is " + size + " bytes, more than " + max);
      }
      byte[] b = in.readNBytes((int) size);
      if (b.length != size) {
        throw new NotADebException("the package is truncated inside " + name);
      }
      if (size % 2 == 1) {
        in.read();
      }
      return b;
    }

    InputStream stream(InputStream in) {
      return new java.io.FilterInputStream(in) {
        long left = size;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = super.read();
          if (b >= 0) {
            left--;
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = super.read(buf, off, (int) Math.min(len, left));
          if (n > 0) {
            left -= n;
          }
          return n;
        }

        @Override
        public void close() {
          // the ar stream is closed by its owner
        }
      };
    }
  }

  private static Member member(InputStream in) throws IOException, NotADebException {
    byte[] h = in.readNBytes(60);
    if (h.length == 0) {
      return null;
    }
    if (h.length != 60 || h[58] != '`' || h[59] != '\n') {
      throw new NotADebException("not a Debian package: broken ar member header");
    }
    String name = new String(h, 0, 16, StandardCharsets.US_ASCII).strip();
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    try {
      return new Member(name, Long.parseLong(new String(h, 48, 10, StandardCharsets.US_ASCII).strip()));
    } catch (NumberFormatException e) {
      throw new NotADebException("not a Debian package: ar member " + name + " has no size");
    }
  }

  /** The ./control entry of a tar stream. */
  private static byte[] controlFile(InputStream tar) throws IOException, NotADebException {
    while (true) {
      byte[] h = tar.readNBytes(512);
      if (h.length < 512 || allZero(h)) {
        throw new NotADebException("the package's control.tar has no ./control file");
      }
      String name = cString(h, 0, 100);
      String prefix = cString(h, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      long size;
      try {
        String octal = cString(h, 124, 12).strip();
        size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
      } catch (NumberFormatException e) {
        throw new NotADebException("the package's control.tar is damaged (entry " + name + ")");
      }
      char type = (char) h[156];
      if ((type == '0' || type == 0) && (name.equals("./control") || name.equals("control"))) {
        if (size > MAX_CONTROL) {
          throw new NotADebException("the package's control file is " + size + " bytes, more than " + MAX_CONTROL);
        }
        byte[] b = tar.readNBytes((int) size);
        if (b.length != size) {
          throw new NotADebException("the package's control file is truncated");
        }
        return b;
      }
      try {
        tar.skipNBytes((size + 511) / 512 * 512);
      } catch (java.io.EOFException e) {
        throw new NotADebException("the package's control.tar is truncated (entry " + name + ")");
      }
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  static Map<String, String> fields(byte[] control) throws NotADebException {
    Map<String, String> fields = new LinkedHashMap<>();
    String last = null;
    for (String line : new String(control, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
        fields.put(last, fields.get(last) + "\n" + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new NotADebException("the package's control file has a line that is not 'Field: value': " + line);
      }
      last = line.substring(0, colon).strip();
      fields.put(last, line.substring(colon + 1).strip());
    }
    return fields;
  }
}
