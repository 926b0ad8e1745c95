package jp.mamori.checks.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a script hides in its string literals, made readable: literals joined with {@code +} or from an array joined
 * with {@code join('')}, hex and unicode escapes, base64, percent-encoding and {@code String.fromCharCode} number
 * lists. Injected code hides its drop URLs and loaders this way; the scanner reads the decoded text next to the source.
 * A hand-written tokenizer (no regular expressions over literals) keeps it linear and stack-safe on hostile input.
 */
final class ScriptDecoder {
  static final int MAX_LITERALS = 2000;
  static final int MAX_OUT = 32 * 1024;
  private static final int MAX_LITERAL = 8 * 1024;

  /** One string literal: where it is in the source, and its value with escapes resolved. */
  record Literal(int start, int end, String value, boolean escaped) {}

  private ScriptDecoder() {}

  /** The string literals of a script, in order (quotes and backquotes; template expressions are left as text). */
  static List<Literal> literals(String js) {
    List<Literal> out = new ArrayList<>();
    int n = js.length();
    int i = 0;
    while (i < n && out.size() < MAX_LITERALS) {
      char c = js.charAt(i);
      if (c == '/' && i + 1 < n && (js.charAt(i + 1) == '/' || js.charAt(i + 1) == '*')) {
        // a comment (outside strings, // and /* only start comments or, rarely, a regular expression)
        int end = js.charAt(i + 1) == '/' ? js.indexOf('\n', i) : js.indexOf("*/", i + 2);
        i = end < 0 ? n : end + (js.charAt(i + 1) == '/' ? 1 : 2);
        continue;
      }
      if (c != '\'' && c != '"' && c != '`') {
        i++;
        continue;
      }
      int start = i;
      StringBuilder value = new StringBuilder();
      boolean escaped = false;
      boolean closed = false;
      i++;
      while (i < n && i - start < MAX_LITERAL) {
        char d = js.charAt(i);
        if (d == c) {
          closed = true;
          i++;
          break;
        }
        if ((d == '\n' || d == '\r') && c != '`') {
          break;
        }
        if (d == '\\' && i + 1 < n) {
          int used = unescape(js, i, value);
          escaped |= js.charAt(i + 1) == 'x' || js.charAt(i + 1) == 'u';
          i += used;
          continue;
        }
        value.append(d);
        i++;
      }
      if (closed) {
        out.add(new Literal(start, i, value.toString(), escaped));
      } else {
        // a quote in a comment or a regular expression, not a string: go on right after it
        i = start + 1;
      }
    }
    return out;
  }

  /** Appends the character an escape at {@code at} stands for; returns how many source characters it used. */
  private static int unescape(String js, int at, StringBuilder into) {
    char e = js.charAt(at + 1);
    switch (e) {
      case 'x' -> {
        int v = hexValue(js, at + 2, 2);
        if (v >= 0) {
          into.append((char) v);
          return 4;
        }
      }
      case 'u' -> {
        if (at + 2 < js.length() && js.charAt(at + 2) == '{') {
          int close = js.indexOf('}', at + 3);
          if (close > 0 && close - at <= 10) {
            int v = hexValue(js, at + 3, close - at - 3);
            if (v >= 0 && Character.isValidCodePoint(v)) {
              into.appendCodePoint(v);
              return close - at + 1;
            }
          }
        }
        int v = hexValue(js, at + 2, 4);
        if (v >= 0) {
          into.append((char) v);
          return 6;
        }
      }
      case 'n' -> {
        into.append('\n');
        return 2;
      }
      case 't' -> {
        into.append('\t');
        return 2;
      }
      case 'r' -> {
        into.append('\r');
        return 2;
      }
      default -> {
        into.append(e);
        return 2;
      }
    }
    into.append(e);
    return 2;
  }

  private static int hexValue(String s, int from, int len) {
    if (len <= 0 || from + len > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + len; k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  /**
   * What a script's literals spell out: {@code encoded} is what escapes, base64, percent-encoding and character codes
   * hid (a strong sign by itself), {@code joined} what concatenation and array joins assembled (libraries do that
   * too). One piece per line; empty strings when nothing was hidden.
   */
  record Decoded(String encoded, String joined) {
    String all() {
      return joined.isEmpty() ? encoded : encoded + joined;
    }
  }

  static Decoded decode(String js) {
    StringBuilder out = new StringBuilder();
    StringBuilder assembled = new StringBuilder();
    List<Literal> lits = literals(js);
    boolean joins = js.contains(".join(");
    int i = 0;
    while (i < lits.size() && out.length() + assembled.length() < MAX_OUT) {
      Literal l = lits.get(i);
      // 'ht'+'tps://'+'evil'+'.com' → one string; ['ht','tps:',...].join('') → one string
      int j = i;
      StringBuilder joined = new StringBuilder(l.value());
      String sep = null;
      while (j + 1 < lits.size()) {
        String between = js.substring(lits.get(j).end(), lits.get(j + 1).start()).strip();
        String s = between.equals("+") ? "+" : between.equals(",") ? "," : null;
        if (s == null || (sep != null && !sep.equals(s)) || (s.equals(",") && !joins)) {
          break;
        }
        sep = s;
        joined.append(lits.get(j + 1).value());
        j++;
      }
      if (j > i && (sep.equals("+") || j - i >= 2 && js.substring(Math.max(0, l.start() - 40), l.start()).stripTrailing()
          .endsWith("["))) {
        emit(assembled, joined.toString());
      }
      for (int k = i; k <= j; k++) {
        decodeValue(out, lits.get(k));
      }
      i = j + 1;
    }
    charCodes(js, out);
    return new Decoded(out.toString(), assembled.toString());
  }

  private static void decodeValue(StringBuilder out, Literal l) {
    String v = l.value();
    if (l.escaped()) {
      emit(out, v);
    }
    String b64 = base64(v);
    if (b64 != null) {
      emit(out, b64);
    }
    if (v.indexOf('%') >= 0) {
      String pct = percent(v);
      if (pct != null) {
        emit(out, pct);
      }
    }
  }

  private static void emit(StringBuilder out, String s) {
    if (out.length() + s.length() < MAX_OUT) {
      out.append(s).append('\n');
    }
  }

  /** Base64 that decodes to readable text (skimmers hide their drop URL that way), or null. */
  static String base64(String lit) {
    int len = lit.length();
    if (len < 16 || len > 4096 || len % 4 != 0) {
      return null;
    }
    boolean digit = false;
    boolean other = false;
    for (int k = 0; k < len; k++) {
      char c = lit.charAt(k);
      boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
      boolean num = c >= '0' && c <= '9';
      if (!letter && !num && c != '+' && c != '/' && !(c == '=' && k >= len - 2)) {
        return null;
      }
      digit |= num;
      other |= !letter;
    }
    if (!digit && !other) {
      return null;
    }
    try {
      String text = new String(Base64.getDecoder().decode(lit), StandardCharsets.UTF_8);
      long printable = text.chars().filter(c -> c >= 0x20 && c < 0x7f || c == '\n').count();
      return text.length() >= 8 && printable >= text.length() * 0.9 ? text : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Percent-encoded text (unescape / decodeURIComponent payloads) with at least a few escapes, or null. */
  static String percent(String lit) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(lit.length());
    int escapes = 0;
    for (int k = 0; k < lit.length(); k++) {
      char c = lit.charAt(k);
      if (c == '%' && k + 2 < lit.length() && hexValue(lit, k + 1, 2) >= 0) {
        bytes.write(hexValue(lit, k + 1, 2));
        escapes++;
        k += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        return null;
      }
    }
    return escapes >= 4 ? bytes.toString(StandardCharsets.UTF_8) : null;
  }

  /** fromCharCode(104,116,...), fromCharCode.apply(null,[...]) and long number arrays in scripts that use fromCharCode. */
  private static void charCodes(String js, StringBuilder out) {
    if (!js.contains("fromCharCode")) {
      return;
    }
    int from = 0;
    int lists = 0;
    while (lists < 200 && out.length() < MAX_OUT) {
      int open = nextListStart(js, from);
      if (open < 0) {
        return;
      }
      StringBuilder s = new StringBuilder();
      int k = open;
      int count = 0;
      int num = -1;
      while (k < js.length() && k - open < 40_000) {
        char c = js.charAt(k);
        if (c >= '0' && c <= '9') {
          num = (num < 0 ? 0 : num * 10) + (c - '0');
          if (num > 0x10FFFF) {
            break;
          }
        } else if (c == ',' || c == ' ' || c == '\n' || c == ')' || c == ']') {
          if (num >= 0) {
            if (Character.isValidCodePoint(num)) {
              s.appendCodePoint(num);
            }
            count++;
            num = -1;
          }
          if (c == ')' || c == ']') {
            break;
          }
        } else {
          break;
        }
        k++;
      }
      if (count >= 8) {
        emit(out, s.toString());
      }
      from = Math.max(k, open + 1);
      lists++;
    }
  }

  /** Where the next fromCharCode argument list or number array starts, or -1. */
  private static int nextListStart(String js, int from) {
    int n = js.length();
    for (int k = from; k < n; k++) {
      char c = js.charAt(k);
      if ((c == '(' || c == '[') && k + 1 < n) {
        int d = k + 1;
        while (d < n && js.charAt(d) == ' ') {
          d++;
        }
        if (d < n && Character.isDigit(js.charAt(d))) {
          // a list of at least three numbers: "104,116,116" (cheap look-ahead)
          int commas = 0;
          for (int e = d; e < n && e < d + 24 && commas < 3; e++) {
            char x = js.charAt(e);
            if (x == ',') {
              commas++;
            } else if (!Character.isDigit(x) && x != ' ') {
              break;
            }
          }
          if (commas >= 3) {
            return d;
          }
        }
      }
    }
    return -1;
  }
}
