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

  /**
   * Parses the first {@code length} bytes of a body as HTML honouring BOM and meta charset; a bogus charset falls back
   * to UTF-8 with replacement characters.
   */
  public static Document parse(byte[] body, int length, URI base) {
    Parser parser = Parser.htmlParser().setMaxDepth(MAX_DEPTH);
    try {
      return Jsoup.parse(new ByteArrayInputStream(body, 0, length), null, base.toString(), parser);
    } catch (IOException | RuntimeException e) {
      return Jsoup.parse(new String(body, 0, length, StandardCharsets.UTF_8), base.toString(),
          Parser.htmlParser().setMaxDepth(MAX_DEPTH));
    }
  }

  /**
   * The body without its NUL bytes, which HTML text never holds and the parser drops from text one at a time, copying the
   * text around each (a megabyte of them, the usual filling of a decompression bomb, took 15 MiB of heap); the same
   * array when there are none, or when a byte-order mark says UTF-16 or UTF-32, where they are half of every letter.
   */
  public static byte[] withoutNuls(byte[] body) {
    int nuls = 0;
    for (byte b : body) {
      if (b == 0) {
        nuls++;
      }
    }
    if (nuls == 0 || wideBom(body)) {
      return body;
    }
    byte[] out = new byte[body.length - nuls];
    int at = 0;
    for (byte b : body) {
      if (b != 0) {
        out[at++] = b;
      }
    }
    return out;
  }

  private static boolean wideBom(byte[] b) {
    int b0 = b.length > 0 ? b[0] & 0xff : -1;
    int b1 = b.length > 1 ? b[1] & 0xff : -1;
    return b0 == 0xfe && b1 == 0xff || b0 == 0xff && b1 == 0xfe
        || b.length > 3 && b0 == 0 && b1 == 0 && (b[2] & 0xff) == 0xfe && (b[3] & 0xff) == 0xff;
  }

  /**
   * How many bytes of an HTML body hold its first {@code max} start tags: where the next one begins, or the whole
   * body. A byte scan, before any decoding: ASCII {@code <} and letters are the same bytes in every charset a page
   * declares with a meta tag.
   */
  public static int elementsCut(byte[] body, int max) {
    int tags = 0;
    for (int i = 0; i + 1 < body.length; i++) {
      if (body[i] == '<' && ((body[i + 1] | 0x20) >= 'a' && (body[i + 1] | 0x20) <= 'z') && ++tags > max) {
        return i;
      }
    }
    return body.length;
  }

  public static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
