package jp.mamori.console.attachments;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What a file really is, from its first bytes, never from its name or the uploader's Content-Type. Only kinds
 * an SME and an advisor exchange are accepted: pictures (screenshots), PDF, Office documents, ZIP, and plain
 * text (UTF-8 or Shift_JIS, as Excel writes CSV). Everything else, executables and HTML included, is refused.
 */
public record FileType(String contentType, List<String> extensions) {
  static final FileType PNG = new FileType("image/png", List.of("png"));
  static final FileType JPEG = new FileType("image/jpeg", List.of("jpg", "jpeg"));
  static final FileType GIF = new FileType("image/gif", List.of("gif"));
  static final FileType WEBP = new FileType("image/webp", List.of("webp"));
  static final FileType PDF = new FileType("application/pdf", List.of("pdf"));
  static final FileType DOCX = new FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx"));
  static final FileType XLSX = new FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", List.of("xlsx"));
  static final FileType PPTX = new FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", List.of("pptx"));
  static final FileType ZIP = new FileType("application/zip", List.of("zip"));
  static final FileType TEXT = new FileType("text/plain; charset=utf-8", List.of("txt", "log", "csv", "eml", "md"));
  static final FileType SJIS_TEXT = new FileType("text/plain; charset=Shift_JIS", List.of("txt", "log", "csv"));

  public static Optional<FileType> sniff(byte[] b) {
    if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (starts(b, 'G', 'I', 'F', '8', '7', 'a') || starts(b, 'G', 'I', 'F', '8', '9', 'a')) {
      return Optional.of(GIF);
    }
    if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return Optional.of(WEBP);
    }
    if (starts(b, '%', 'P', 'D', 'F', '-')) {
      return Optional.of(PDF);
    }
    if (starts(b, 'P', 'K', 3, 4)) {
      return Optional.of(zipKind(b));
    }
    if (starts(b, 'M', 'Z') || starts(b, 0x7F, 'E', 'L', 'F')) {
      return Optional.empty();
    }
    if (isText(b, StandardCharsets.UTF_8)) {
      return Optional.of(TEXT);
    }
    if (isText(b, Charset.forName("windows-31j"))) {
      return Optional.of(SJIS_TEXT);
    }
    return Optional.empty();
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Office Open XML files are ZIPs with [Content_Types].xml and a word/, xl/ or ppt/ part. Only the central
   * directory's names are read: nothing is inflated, so a ZIP bomb costs nothing here.
   */
  private static FileType zipKind(byte[] b) {
    boolean types = false;
    String part = null;
    for (String name : zipNames(b)) {
      types |= name.equals("[Content_Types].xml");
      if (part == null && (name.startsWith("word/") || name.startsWith("xl/") || name.startsWith("ppt/"))) {
        part = name.substring(0, name.indexOf('/'));
      }
    }
    if (!types || part == null) {
      return ZIP;
    }
    return switch (part) {
      case "word" -> DOCX;
      case "xl" -> XLSX;
      default -> PPTX;
    };
  }

  /** Entry names from the central directory (empty when the end-of-directory record is missing or broken). */
  static List<String> zipNames(byte[] b) {
    int eocd = -1;
    for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
      if (le32(b, i) == 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      return List.of();
    }
    int entries = le16(b, eocd + 10);
    long offset = le32(b, eocd + 16) & 0xFFFFFFFFL;
    java.util.ArrayList<String> names = new java.util.ArrayList<>();
    int p = (int) Math.min(offset, Integer.MAX_VALUE);
    for (int n = 0; n < Math.min(entries, 5_000); n++) {
      if (p < 0 || p + 46 > b.length || le32(b, p) != 0x02014b50) {
        break;
      }
      int nameLen = le16(b, p + 28);
      int extraLen = le16(b, p + 30);
      int commentLen = le16(b, p + 32);
      if (p + 46 + nameLen > b.length) {
        break;
      }
      names.add(new String(b, p + 46, nameLen, StandardCharsets.UTF_8));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  }

  private static int le16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static int le32(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
  }

  /** Decodes strictly and allows no control characters but tab, line feed, carriage return and form feed. */
  private static boolean isText(byte[] b, Charset cs) {
    if (b.length == 0) {
      return false;
    }
    try {
      CharSequence s = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' || ch == 0x7F) {
          return false;
        }
      }
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** A display name that is safe anywhere: no path, no control characters, and an extension that matches the content. */
  public String safeName(String requested) {
    String name = requested == null ? "" : requested;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder sb = new StringBuilder();
    name.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7F && cp != '"' && !Character.isISOControl(cp)).forEach(sb::appendCodePoint);
    name = sb.toString().strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.codePointCount(0, name.length()) > 100) {
      name = name.substring(0, name.offsetByCodePoints(0, 100));
    }
    if (name.isBlank()) {
      name = "attachment";
    }
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    return extensions.contains(ext) ? name : name + "." + extensions.get(0);
  }
}
