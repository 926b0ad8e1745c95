package jp.mamori.checks.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
   * body; what comments, scripts and styles hold does not count (nor is ever cut). A byte scan, before any decoding:
   * ASCII {@code <} and letters are the same bytes in every charset a page declares with a meta tag.
   */
  public static int elementsCut(byte[] body, int max) {
    int tags = 0;
    for (int i = 0; i + 1 < body.length; i++) {
      if (body[i] != '<') {
        continue;
      }
      if (startsWith(body, i, "<!--")) {
        int end = indexOfIgnoreCase(body, i + 4, "-->");
        i = end < 0 ? body.length : end + 2;
      } else if ((body[i + 1] | 0x20) >= 'a' && (body[i + 1] | 0x20) <= 'z') {
        if (++tags > max) {
          return i;
        }
        String raw = startsWith(body, i, "<script") ? "</script" : startsWith(body, i, "<style") ? "</style" : null;
        if (raw != null) {
          int end = indexOfIgnoreCase(body, i + raw.length(), raw);
          i = end < 0 ? body.length : end;
        }
      }
    }
    return body.length;
  }

  /** Tags of a page's unparsed tail that load, send or point somewhere: what an attacker appends to a page. */
  private static final List<Set<String>> TAIL_TAGS = List.of(Set.of("script", "iframe", "frame", "embed", "object"),
      Set.of("style", "link", "meta", "base"), Set.of("form", "input", "select", "button"), Set.of("a", "area", "img"));
  static final int TAIL_MAX_TAGS = 1_000;
  static final int TAIL_MAX_CHARS = 512 * 1024;
  private static final int TAIL_MAX_RAW = 64 * 1024;

  /**
   * The tags of {@link #TAIL_TAGS} in {@code body} from {@code from} on (the part after {@link #elementsCut}), as HTML
   * in their order, with a script's or style's content, a link's text and the end tags of forms and links; comments
   * left out; at most {@value #TAIL_MAX_TAGS} tags of each group (so that a padding of fields or links does not use up
   * the scripts' share) and {@value #TAIL_MAX_CHARS} characters. A byte scan, so nothing for a UTF-16 or UTF-32 page.
   */
  public static String tailTags(byte[] body, int from, Charset charset) {
    if (wideBom(body)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int n = body.length;
    int[] counts = new int[TAIL_TAGS.size()];
    for (int i = Math.max(from, 0); i < n && out.length() < TAIL_MAX_CHARS; ) {
      if (body[i] != '<') {
        i++;
        continue;
      }
      if (startsWith(body, i, "<!--")) {
        int end = indexOfIgnoreCase(body, i + 4, "-->");
        i = end < 0 ? n : end + 3;
        continue;
      }
      int at = i + 1;
      boolean endTag = at < n && body[at] == '/';
      if (endTag) {
        at++;
      }
      int nameEnd = at;
      while (nameEnd < n && ((body[nameEnd] | 0x20) >= 'a' && (body[nameEnd] | 0x20) <= 'z' || body[nameEnd] >= '0' && body[nameEnd] <= '9')) {
        nameEnd++;
      }
      if (nameEnd == at) {
        i++;
        continue;
      }
      String name = new String(body, at, nameEnd - at, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      int close = tagEnd(body, nameEnd);
      int group = 0;
      while (group < TAIL_TAGS.size() && !TAIL_TAGS.get(group).contains(name)) {
        group++;
      }
      if (group == TAIL_TAGS.size() || counts[group]++ >= TAIL_MAX_TAGS) {
        i = close;
        continue;
      }
      if (endTag) {
        if (name.equals("form") || name.equals("a") || name.equals("object")) {
          out.append("</").append(name).append('>');
        }
        i = close;
        continue;
      }
      out.append(new String(body, i, close - i, charset));
      if (name.equals("script") || name.equals("style")) {
        int end = indexOfIgnoreCase(body, close, "</" + name);
        int stop = end < 0 ? n : end;
        out.append(new String(body, close, Math.min(stop - close, TAIL_MAX_RAW), charset)).append("</").append(name).append('>');
        i = end < 0 ? n : tagEnd(body, end + 2);
      } else if (name.equals("a")) {
        int next = close;
        while (next < n && next - close < 300 && body[next] != '<') {
          next++;
        }
        out.append(new String(body, close, next - close, charset));
        i = next;
      } else {
        i = close;
      }
    }
    return out.length() > TAIL_MAX_CHARS ? out.substring(0, TAIL_MAX_CHARS) : out.toString();
  }

  /** Just past the {@code >} ending the tag whose attributes start at {@code from} (quoted values may hold one). */
  private static int tagEnd(byte[] b, int from) {
    byte quote = 0;
    byte last = 0;
    for (int i = from; i < b.length; i++) {
      byte c = b[i];
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if ((c == '"' || c == '\'') && last == '=') {
        quote = c;
      } else if (c == '>') {
        return i + 1;
      }
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        last = c;
      }
    }
    return b.length;
  }

  private static boolean startsWith(byte[] b, int at, String ascii) {
    if (at + ascii.length() > b.length) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      if ((b[at + k] | 0x20) != (ascii.charAt(k) | 0x20)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfIgnoreCase(byte[] b, int from, String ascii) {
    for (int i = from; i + ascii.length() <= b.length; i++) {
      if (startsWith(b, i, ascii)) {
        return i;
      }
    }
    return -1;
  }

  public static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
