package jp.mamori.checks.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a script hides in its string literals, made readable: literals joined with {@code +} or from an array joined
 * with {@code join('')}, strings kept in variables and put back into concatenations and template literals, hex and
 * unicode escapes, base64 (also split into pieces), percent-encoding, reversed strings and {@code String.fromCharCode}
 * number lists; and the code itself with that folding undone. Injected code hides its drop URLs, loaders and property
 * names this way; the scanner reads the decoded text and the normalised code next to the source. A hand-written
 * tokenizer (no regular expressions over literals) keeps it linear and stack-safe on hostile input.
 */
final class ScriptDecoder {
  static final int MAX_LITERALS = 2000;
  static final int MAX_OUT = 32 * 1024;
  private static final int MAX_LITERAL = 8 * 1024;

  /**
   * One string literal: where it is in the source, its value with escapes resolved, whether it used hex, unicode or
   * octal escapes, and whether it escapes its own quote (code kept in a string: "var s=\"...\";").
   */
  record Literal(int start, int end, String value, boolean escaped, boolean code) {}

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
      boolean code = false;
      boolean closed = false;
      i++;
      // a long literal (a base64 blob) is read to its end, its value kept to MAX_LITERAL: stopping inside it would
      // take its closing quote for an opening one and misread everything after it
      while (i < n) {
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
          int used = value.length() < MAX_LITERAL ? unescape(js, i, value) : 2;
          char kind = js.charAt(i + 1);
          escaped |= kind == 'x' || kind == 'u' || kind >= '1' && kind <= '7';
          code |= kind == c;
          i += used;
          continue;
        }
        if (value.length() < MAX_LITERAL) {
          value.append(d);
        }
        i++;
      }
      if (closed) {
        out.add(new Literal(start, i, value.toString(), escaped, code));
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
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        // legacy octal escapes ('\150\164\164\160'), still run by browsers outside strict mode
        int end = at + 1;
        int v = 0;
        while (end < js.length() && end < at + 4 && js.charAt(end) >= '0' && js.charAt(end) <= '7' && v * 8 + (js.charAt(end) - '0') < 256) {
          v = v * 8 + (js.charAt(end) - '0');
          end++;
        }
        into.append((char) v);
        return end - at;
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
   * What a script's literals spell out: {@code encoded} is what escapes, base64, percent-encoding, character codes and
   * reversal hid (a strong sign by itself), {@code joined} what concatenation, array joins, template literals and string
   * constants assembled (libraries do that too), one piece per line; {@code normalised} the code around every place
   * where folding changed it ({@code self['loc'+'ation']['hr'+'ef']='ht'+'tps://x'} reads
   * {@code self.location.href='https://x'}), so that patterns see what the code does. Empty strings when nothing was
   * hidden.
   */
  record Decoded(String encoded, String joined, String normalised) {
    String all() {
      return joined.isEmpty() ? encoded : encoded + joined;
    }
  }

  /** Literals (and known string constants) joined with {@code +}: source range, value and how many pieces. */
  private record Chain(int last, int start, int end, String value, int pieces, boolean templated) {}

  private static final Pattern IDENT = Pattern.compile("[A-Za-z_$][\\w$]*");
  private static final Pattern TEMPLATE_LITERAL = Pattern.compile("\\$\\{\\s*(['\"])([^'\"\\\\]{0,200})\\1\\s*\\}");
  private static final Pattern TEMPLATE_VAR = Pattern.compile("\\$\\{\\s*([A-Za-z_$][\\w$]*)\\s*\\}");
  private static final Pattern REVERSED = Pattern.compile("^\\s*\\.\\s*split\\(\\s*(''|\"\")\\s*\\)\\s*\\.\\s*reverse\\(\\s*\\)");
  private static final Pattern REVERSED_VAR = Pattern.compile(
      "([A-Za-z_$][\\w$]*)\\s*\\.\\s*split\\(\\s*(?:''|\"\")\\s*\\)\\s*\\.\\s*reverse\\(\\s*\\)");
  private static final Pattern CONST_BRACKET = Pattern.compile("(?<=[\\w$)\\]])\\s*\\[\\s*([A-Za-z_$][\\w$]*)\\s*\\]");
  static final int MAX_CONSTANTS = 200;
  static final int MAX_NORMALISED = 32 * 1024;
  /** Scripts this small are kept whole in the normalised view; larger ones only around what folding changed. */
  private static final int SMALL = 8 * 1024;
  private static final int WINDOW = 240;

  static Decoded decode(String js) {
    StringBuilder out = new StringBuilder();
    StringBuilder assembled = new StringBuilder();
    List<Literal> lits = literals(js);
    Map<String, String> consts = constants(js, lits);
    boolean joins = js.contains(".join(");
    int i = 0;
    while (i < lits.size() && out.length() + assembled.length() < MAX_OUT) {
      Literal l = lits.get(i);
      Chain c = chain(js, lits, i, consts);
      int j = c.last();
      if (c.pieces() >= 2 || c.templated()) {
        // 'ht'+'tps://'+'evil'+'.com', 'https://'+host+'/x' and `https://${host}/x` → one string
        assembledPiece(out, assembled, c.value());
      } else if (joins) {
        // ['ht','tps:',...].join('') → one string
        StringBuilder joined = new StringBuilder(l.value());
        while (j + 1 < lits.size() && js.substring(lits.get(j).end(), lits.get(j + 1).start()).strip().equals(",")
            && joined.length() < MAX_LITERAL * 4) {
          joined.append(lits.get(j + 1).value());
          j++;
        }
        boolean array = j > i && js.substring(Math.max(0, l.start() - 40), l.start()).stripTrailing().endsWith("[");
        if (array && j - i >= 2) {
          assembledPiece(out, assembled, joined.toString());
        } else if (array) {
          // two pieces are too common to list (['Webkit','Moz']), but two halves of a base64 payload still decode
          encodedForms(out, joined.toString());
        }
      }
      // 'moc.live//:sptth'.split('').reverse().join('')
      String after = js.substring(c.end(), Math.min(js.length(), c.end() + 80));
      if (REVERSED.matcher(after).find()) {
        emit(out, new StringBuilder(c.value()).reverse().toString());
      }
      // 'h#t#t#p#s#:#/#/#…'.replace(/#/g,'') and '…'.split('#').join('')
      String cleaned = withoutJunk(c.value(), after);
      if (cleaned != null) {
        emit(out, cleaned);
      }
      // code kept in a string ("…createElement(\"script\")…") is read as code
      if (lits.get(i).code() && c.pieces() == 1) {
        emit(assembled, c.value());
      }
      for (int k = i; k <= j; k++) {
        decodeValue(out, lits.get(k));
      }
      i = j + 1;
    }
    if (!consts.isEmpty()) {
      Matcher r = REVERSED_VAR.matcher(js);
      int n = 0;
      while (r.find() && n++ < 50) {
        String v = consts.get(r.group(1));
        if (v != null) {
          emit(out, new StringBuilder(v).reverse().toString());
        }
      }
    }
    Matcher a = ARRAY_JOIN.matcher(joins ? js : "");
    int arrays = 0;
    while (a.find() && arrays++ < 50) {
      assembledPiece(out, assembled, arrayJoined(a));
    }
    charCodes(js, out);
    return new Decoded(out.toString(), assembled.toString(), normalise(js, lits, consts));
  }

  private static final Pattern JUNK_REPLACE = Pattern.compile(
      "^\\s*\\.\\s*replace\\(\\s*/((?:\\\\.|[^/\\\\()*+?{}|\\[\\]]){1,6}|\\[[^\\]\\\\]{1,20}\\])\\+?/g[imsuy]*\\s*,\\s*(''|\"\")\\s*\\)");
  private static final Pattern JUNK_SPLIT = Pattern.compile(
      "^\\s*\\.\\s*split\\(\\s*(['\"])([^'\"\\\\]{1,6})\\1\\s*\\)\\s*\\.\\s*join\\(\\s*(''|\"\")\\s*\\)");

  /**
   * The literal with the padding its code strips before use removed, or null: a {@code replace} with a short, plain
   * pattern (a few characters or one character class) and an empty replacement, or {@code split(x).join('')}.
   */
  static String withoutJunk(String value, String after) {
    Matcher r = JUNK_REPLACE.matcher(after);
    if (r.find()) {
      try {
        return Pattern.compile(r.group(1)).matcher(value).replaceAll("");
      } catch (RuntimeException e) {
        return null;
      }
    }
    Matcher s = JUNK_SPLIT.matcher(after);
    return s.find() ? value.replace(s.group(2), "") : null;
  }

  /** An assembled string, and what it decodes to when it is itself base64 or percent-encoded (split payloads). */
  private static void assembledPiece(StringBuilder out, StringBuilder assembled, String value) {
    emit(assembled, value);
    encodedForms(out, value);
  }

  /** What a string decodes to when it is base64 or percent-encoded text. */
  private static void encodedForms(StringBuilder out, String v) {
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

  /** A literal's value; template literals with their {@code ${name}} holes filled from known string constants. */
  private static String value(String js, Literal l, Map<String, String> consts) {
    if (js.charAt(l.start()) != '`' || l.value().indexOf("${") < 0) {
      return l.value();
    }
    // `${'med'}${'-stat'}.${'info'}`: holes holding a literal are that literal
    String v = l.value().indexOf("${'") < 0 && l.value().indexOf("${\"") < 0 ? l.value()
        : TEMPLATE_LITERAL.matcher(l.value()).replaceAll(r -> Matcher.quoteReplacement(r.group(2)));
    if (consts.isEmpty()) {
      return v;
    }
    Matcher m = TEMPLATE_VAR.matcher(v);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String c = consts.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(c != null ? c : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Literals and known constants joined with + from literal i on ({@code k+'x'}, {@code 'a'+k+'b'}, {@code 'x'+k}). */
  private static Chain chain(String js, List<Literal> lits, int i, Map<String, String> consts) {
    Literal l = lits.get(i);
    String first = value(js, l, consts);
    boolean templated = !first.equals(l.value());
    StringBuilder v = new StringBuilder(first);
    int pieces = 1;
    int start = l.start();
    int[] before = identBefore(js, l.start(), true);
    if (before != null && consts.containsKey(js.substring(before[0], before[1]))) {
      v.insert(0, consts.get(js.substring(before[0], before[1])));
      pieces++;
      start = before[0];
    }
    int j = i;
    while (j + 1 < lits.size() && v.length() < MAX_LITERAL * 4) {
      String between = js.substring(lits.get(j).end(), lits.get(j + 1).start()).strip();
      String next = value(js, lits.get(j + 1), consts);
      if (between.equals("+")) {
        v.append(next);
      } else if (between.length() > 2 && between.charAt(0) == '+' && between.charAt(between.length() - 1) == '+'
          && consts.containsKey(between.substring(1, between.length() - 1).strip())) {
        v.append(consts.get(between.substring(1, between.length() - 1).strip())).append(next);
        pieces++;
      } else {
        break;
      }
      templated |= !next.equals(lits.get(j + 1).value());
      pieces++;
      j++;
    }
    int end = lits.get(j).end();
    int[] after = identAfter(js, end);
    if (after != null && consts.containsKey(js.substring(after[0], after[1]))) {
      v.append(consts.get(js.substring(after[0], after[1])));
      pieces++;
      end = after[1];
    }
    return new Chain(j, start, end, v.toString(), pieces, templated);
  }

  /** The identifier right before {@code at} (with {@code plus}: before a +), not a property ({@code a.b}); or null. */
  private static int[] identBefore(String js, int at, boolean plus) {
    int p = at - 1;
    while (p >= 0 && Character.isWhitespace(js.charAt(p))) {
      p--;
    }
    if (plus) {
      if (p < 0 || js.charAt(p) != '+' || p > 0 && js.charAt(p - 1) == '+') {
        return null;
      }
      p--;
      while (p >= 0 && Character.isWhitespace(js.charAt(p))) {
        p--;
      }
    }
    int end = p + 1;
    while (p >= 0 && (Character.isLetterOrDigit(js.charAt(p)) || js.charAt(p) == '_' || js.charAt(p) == '$')) {
      p--;
    }
    if (p + 1 >= end || Character.isDigit(js.charAt(p + 1)) || p >= 0 && js.charAt(p) == '.') {
      return null;
    }
    return new int[] {p + 1, end};
  }

  /** The identifier after a + right after {@code at}, when it is a plain value (not called or dereferenced); or null. */
  private static int[] identAfter(String js, int at) {
    int p = at;
    while (p < js.length() && Character.isWhitespace(js.charAt(p))) {
      p++;
    }
    if (p + 1 >= js.length() || js.charAt(p) != '+' || js.charAt(p + 1) == '+') {
      return null;
    }
    p++;
    while (p < js.length() && Character.isWhitespace(js.charAt(p))) {
      p++;
    }
    int start = p;
    while (p < js.length() && (Character.isLetterOrDigit(js.charAt(p)) || js.charAt(p) == '_' || js.charAt(p) == '$')) {
      p++;
    }
    if (p == start || Character.isDigit(js.charAt(start))) {
      return null;
    }
    int q = p;
    while (q < js.length() && js.charAt(q) == ' ') {
      q++;
    }
    if (q < js.length() && "([.".indexOf(js.charAt(q)) >= 0) {
      return null;
    }
    return new int[] {start, p};
  }

  /**
   * Variables given a string once ({@code var h='evil.example';}, {@code const u='ht'+'tps:'}): code builds URLs from
   * them. A name assigned twice keeps the first value; a few hundred names at most.
   */
  private static final String ELEMENT = "(?:'[^'\\\\\\n]{0,100}'|\"[^\"\\\\\\n]{0,100}\")";
  /** {@code h=['net','evil'].reverse().join('.')}: a host kept as an array joined with a separator, maybe reversed. */
  private static final Pattern ARRAY_JOIN = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*=\\s*\\[\\s*(" + ELEMENT + "(?:\\s*,\\s*"
      + ELEMENT + "){1,30})\\s*\\]\\s*(\\.\\s*reverse\\(\\s*\\))?\\s*\\.\\s*join\\(\\s*(?:(['\"])([^'\"\\\\]{0,3})\\4)?\\s*\\)");

  private static String arrayJoined(Matcher a) {
    List<String> parts = new ArrayList<>();
    for (Literal l : literals(a.group(2))) {
      parts.add(l.value());
    }
    if (a.group(3) != null) {
      java.util.Collections.reverse(parts);
    }
    return String.join(a.group(4) == null ? "," : a.group(5), parts);
  }

  static Map<String, String> constants(String js, List<Literal> lits) {
    Map<String, String> out = new HashMap<>();
    Map<String, String> none = Map.of();
    int i = 0;
    while (i < lits.size() && out.size() < MAX_CONSTANTS) {
      Chain c = chain(js, lits, i, none);
      int p = c.start() - 1;
      while (p >= 0 && Character.isWhitespace(js.charAt(p))) {
        p--;
      }
      if (p > 0 && js.charAt(p) == '=' && "=!<>+-*/%&|^?:".indexOf(js.charAt(p - 1)) < 0) {
        int[] name = identBefore(js, p, false);
        int q = c.end();
        while (q < js.length() && (js.charAt(q) == ' ' || js.charAt(q) == '\t')) {
          q++;
        }
        if (name != null && (q >= js.length() || ";,)}\n\r".indexOf(js.charAt(q)) >= 0) && c.value().length() <= 2048) {
          out.putIfAbsent(js.substring(name[0], name[1]), c.value());
        }
      }
      i = c.last() + 1;
    }
    Matcher a = ARRAY_JOIN.matcher(js.contains(".join(") ? js : "");
    int n = 0;
    while (a.find() && n++ < 50 && out.size() < MAX_CONSTANTS) {
      out.putIfAbsent(a.group(1), arrayJoined(a));
    }
    return out;
  }

  /** One place where folding changes the code: source range and what it reads as. */
  private record Rewrite(int start, int end, String text) {}

  /**
   * The code with literal chains folded into one literal and string property names written as properties:
   * {@code x['loc'+'ation']} → {@code x.location}, {@code g[k]} with {@code k='atob'} → {@code g.atob}. Small scripts are
   * kept whole; larger ones only around what changed. Empty when folding changed nothing.
   */
  static String normalise(String js, List<Literal> lits, Map<String, String> consts) {
    List<Rewrite> rewrites = new ArrayList<>();
    int i = 0;
    while (i < lits.size() && rewrites.size() < 2000) {
      Chain c = chain(js, lits, i, consts);
      int open = c.start() - 1;
      while (open >= 0 && Character.isWhitespace(js.charAt(open))) {
        open--;
      }
      int close = c.end();
      while (close < js.length() && Character.isWhitespace(js.charAt(close))) {
        close++;
      }
      boolean bracket = open > 0 && js.charAt(open) == '[' && close < js.length() && js.charAt(close) == ']'
          && isAccessor(js, open - 1) && IDENT.matcher(c.value()).matches();
      if (bracket) {
        rewrites.add(new Rewrite(open, close + 1, "." + c.value()));
      } else if (c.pieces() >= 2 || c.templated() || lits.get(i).escaped() && spellsAddress(c.value())) {
        // an address spelled in hex or unicode escapes is read where it stands (location.href="\x68\x74…" is a redirect)
        char q = js.charAt(lits.get(i).start()) == '`' ? '\'' : js.charAt(lits.get(i).start());
        rewrites.add(new Rewrite(c.start(), c.end(), q + c.value().replace(q, ' ').replace('\n', ' ') + q));
      }
      i = c.last() + 1;
    }
    if (!consts.isEmpty()) {
      Matcher m = CONST_BRACKET.matcher(js);
      while (m.find() && rewrites.size() < 4000) {
        String v = consts.get(m.group(1));
        if (v != null && IDENT.matcher(v).matches()) {
          rewrites.add(new Rewrite(m.start(), m.end(), "." + v));
        }
      }
      rewrites.sort(java.util.Comparator.comparingInt(Rewrite::start));
    }
    if (rewrites.isEmpty()) {
      return "";
    }
    // small scripts whole; larger ones only around what changed, nearby changes sharing one window, so a big
    // script that folds little is never copied
    boolean whole = js.length() <= SMALL;
    StringBuilder out = new StringBuilder(whole ? js.length() + 64 : 1024);
    int pos = 0;
    boolean inWindow = false;
    for (Rewrite r : rewrites) {
      if (r.start() < pos) {
        continue;
      }
      if (!whole) {
        if (inWindow && r.start() - pos > WINDOW) {
          out.append(js, pos, pos + WINDOW).append('\n');
          pos += WINDOW;
          inWindow = false;
        }
        if (out.length() > MAX_NORMALISED) {
          break;
        }
        if (!inWindow) {
          pos = Math.max(pos, r.start() - WINDOW);
          inWindow = true;
        }
      }
      out.append(js, pos, r.start()).append(r.text());
      pos = r.end();
    }
    if (whole) {
      out.append(js, pos, js.length());
    } else if (inWindow) {
      out.append(js, pos, Math.min(js.length(), pos + WINDOW)).append('\n');
    }
    return out.toString();
  }

  private static boolean spellsAddress(String v) {
    return v.startsWith("//") || v.regionMatches(true, 0, "http", 0, 4) && v.contains("://");
  }

  private static boolean isAccessor(String js, int p) {
    while (p >= 0 && Character.isWhitespace(js.charAt(p))) {
      p--;
    }
    return p >= 0 && (Character.isLetterOrDigit(js.charAt(p)) || "_$)]".indexOf(js.charAt(p)) >= 0);
  }


  private static void decodeValue(StringBuilder out, Literal l) {
    if (l.escaped()) {
      emit(out, l.value());
    }
    String twice = escapedAgain(l.value());
    if (twice != null) {
      emit(out, twice);
    }
    encodedForms(out, l.value());
  }

  private static final Pattern ESCAPE_IN_VALUE = Pattern.compile("\\\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\\{)");

  /**
   * A value that still holds escapes once its own were read ('"\\u0068ttps…"' handed to JSON.parse, eval or a second
   * string): the text those escapes spell, or null.
   */
  static String escapedAgain(String v) {
    if (v.indexOf('\\') < 0 || !ESCAPE_IN_VALUE.matcher(v).find()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(v.length());
    int i = 0;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        i += unescape(v, i, sb);
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
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
    // a direct call spells its few characters out too: String.fromCharCode(109,115,104,116,97) is "mshta"
    int call = js.indexOf("fromCharCode(");
    for (int calls = 0; call >= 0 && calls < 200 && out.length() < MAX_OUT; calls++) {
      StringBuilder s = new StringBuilder();
      int k = call + 13;
      int count = 0;
      int num = -1;
      while (k < js.length() && k - call < 4000) {
        char c = js.charAt(k);
        if (c >= '0' && c <= '9' && (num < 0 || num < 0x10FFFF)) {
          num = (num < 0 ? 0 : num * 10) + (c - '0');
        } else if ((c == ',' || c == ')') && num >= 0 && Character.isValidCodePoint(num)) {
          s.appendCodePoint(num);
          count++;
          num = -1;
          if (c == ')') {
            break;
          }
        } else if (c != ' ') {
          count = 0;
          break;
        }
        k++;
      }
      if (count >= 2 && count < 8) {
        emit(out, s.toString());
      }
      call = js.indexOf("fromCharCode(", call + 13);
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
