package jp.mamori.console.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Output escaping and small formatting helpers for server-rendered pages. */
public final class Html {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(JST);

  private Html() {}

  /** Escapes text for element content and double-quoted attributes. */
  public static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** Escaped text with line breaks kept. */
  public static String paragraphs(String text) {
    return esc(text).replace("\n", "<br>");
  }

  public static String time(Instant i) {
    return i == null ? "—" : TIME.format(i);
  }
}
