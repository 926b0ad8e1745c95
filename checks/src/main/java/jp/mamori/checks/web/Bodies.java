package jp.mamori.checks.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/** Turning capped response bodies into text and documents, whatever encoding or nesting they claim. */
public final class Bodies {
  /** Jsoup builds the tree iteratively; the cap keeps hostile nesting from making it huge. */
  static final int MAX_DEPTH = 256;

  private Bodies() {}

  public static String cut(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, max);
  }

  /** Parses HTML honouring BOM and meta charset; a bogus charset falls back to UTF-8 with replacement characters. */
  public static Document parse(byte[] body, URI base) {
    Parser parser = Parser.htmlParser().setMaxDepth(MAX_DEPTH);
    try {
      return Jsoup.parse(new ByteArrayInputStream(body), null, base.toString(), parser);
    } catch (IOException | RuntimeException e) {
      return Jsoup.parse(new String(body, StandardCharsets.UTF_8), base.toString(), Parser.htmlParser().setMaxDepth(MAX_DEPTH));
    }
  }

  public static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
