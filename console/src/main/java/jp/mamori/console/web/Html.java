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
    return jp.mamori.common.HtmlEscape.esc(value);
  }

  /** Escaped text with line breaks kept. */
  public static String paragraphs(String text) {
    return esc(text).replace("\n", "<br>");
  }

  public static String time(Instant i) {
    return i == null ? "—" : TIME.format(i);
  }
}
