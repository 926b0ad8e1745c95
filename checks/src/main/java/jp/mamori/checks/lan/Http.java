package jp.mamori.checks.lan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small HTTP/1.1 client for device web pages: one request per connection, a total
 * deadline and a byte cap per response (embedded web servers stream forever, lie about lengths, or send
 * binary), chunked decoding, Basic and Digest (RFC 7616, MD5) authorization. No redirects, no cookies jar,
 * no gzip (we never ask for it, so a gzip bomb cannot arrive).
 */
public final class Http {
  public static final int MAX_BODY = 64 * 1024;

  private Http() {}

  public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public String text() {
      Charset cs = StandardCharsets.UTF_8;
      String ct = header("content-type");
      if (ct != null) {
        Matcher m = Pattern.compile("charset=\"?([A-Za-z0-9_\\-]+)").matcher(ct);
        if (m.find()) {
          try {
            cs = Charset.forName(m.group(1));
          } catch (RuntimeException ignored) {
            // unknown charset: UTF-8
          }
        }
      }
      return new String(body, cs);
    }
  }

  public record Request(String method, String path, Map<String, String> headers, byte[] body) {
    public static Request get(String path) {
      return new Request("GET", path, new LinkedHashMap<>(), null);
    }

    public Request with(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Request(method, path, h, body);
    }
  }

  public static Response get(Target t, boolean tls, String path, LanContext ctx) throws IOException {
    return send(t, tls, Request.get(path), ctx);
  }

  public static Response send(Target t, boolean tls, Request req, LanContext ctx) throws IOException {
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      if (tls) {
        w.startTls(t, ctx.timeout());
      }
      StringBuilder sb = new StringBuilder();
      sb.append(req.method()).append(' ').append(req.path()).append(" HTTP/1.1\r\n");
      sb.append("Host: ").append(t.text()).append("\r\n");
      sb.append("User-Agent: Mamori-LAN-check/1.0\r\n");
      sb.append("Accept: */*\r\nAccept-Encoding: identity\r\nConnection: close\r\n");
      req.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
      if (req.body() != null) {
        sb.append("Content-Length: ").append(req.body().length).append("\r\n");
      }
      sb.append("\r\n");
      w.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      if (req.body() != null) {
        w.write(req.body());
      }
      byte[] raw = w.readUntil(MAX_BODY + 8192, ctx.timeout().multipliedBy(2), Http::complete);
      return parse(raw, t);
    }
  }

  private static boolean complete(byte[] raw) {
    int end = headerEnd(raw);
    if (end < 0) {
      return false;
    }
    String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    Matcher m = Pattern.compile("\ncontent-length:\\s*(\\d{1,9})").matcher(head);
    if (m.find()) {
      return raw.length - end - 4 >= Long.parseLong(m.group(1));
    }
    if (head.contains("transfer-encoding: chunked")) {
      return new String(raw, end, raw.length - end, StandardCharsets.ISO_8859_1).contains("\r\n0\r\n\r\n");
    }
    return head.startsWith("http/1.1 304") || head.startsWith("http/1.1 204");
  }

  private static int headerEnd(byte[] raw) {
    for (int i = 0; i + 3 < raw.length; i++) {
      if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  static Response parse(byte[] raw, Target t) throws IOException {
    int end = headerEnd(raw);
    if (raw.length < 12 || !Wire.latin1(java.util.Arrays.copyOf(raw, 5)).equals("HTTP/")) {
      throw new IOException(t + " did not answer HTTP (" + raw.length + " bytes: "
          + Wire.printable(java.util.Arrays.copyOf(raw, Math.min(raw.length, 40)), 40) + ")");
    }
    String head = new String(raw, 0, end < 0 ? raw.length : end, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    int status;
    try {
      status = Integer.parseInt(lines[0].split(" ")[1].strip());
    } catch (RuntimeException e) {
      throw new IOException(t + " sent a malformed HTTP status line: " + Wire.printable(lines[0].getBytes(StandardCharsets.ISO_8859_1), 80));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length && i < 200; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
    }
    byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    List<String> te = headers.getOrDefault("transfer-encoding", List.of());
    if (!te.isEmpty() && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
      body = dechunk(body);
    }
    if (body.length > MAX_BODY) {
      body = java.util.Arrays.copyOf(body, MAX_BODY);
    }
    return new Response(status, headers, body);
  }

  static byte[] dechunk(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < b.length && out.size() < MAX_BODY) {
      int lineEnd = i;
      while (lineEnd + 1 < b.length && !(b[lineEnd] == '\r' && b[lineEnd + 1] == '\n')) {
        lineEnd++;
      }
      if (lineEnd + 1 >= b.length) {
        break;
      }
      String size = new String(b, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].strip();
      int n;
      try {
        n = Integer.parseInt(size, 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (n <= 0) {
        break;
      }
      int start = lineEnd + 2;
      int len = Math.min(n, b.length - start);
      if (len <= 0) {
        break;
      }
      out.write(b, start, len);
      i = start + len + 2;
    }
    return out.toByteArray();
  }

  public static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Digest (MD5, qop=auth or none) answer to a WWW-Authenticate: Digest challenge. */
  public static String digest(String challenge, String method, String uri, String user, String password) {
    Map<String, String> p = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(\\w+)=(\"([^\"]*)\"|([^,\\s]*))").matcher(challenge.replaceFirst("(?i)^\\s*digest\\s+", ""));
    while (m.find()) {
      p.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(4));
    }
    String realm = p.getOrDefault("realm", "");
    String nonce = p.getOrDefault("nonce", "");
    String qop = p.get("qop");
    String ha1 = md5(user + ":" + realm + ":" + password);
    String ha2 = md5(method + ":" + uri);
    StringBuilder sb = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
        .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append("\"");
    if (qop != null && qop.contains("auth")) {
      byte[] c = new byte[8];
      new SecureRandom().nextBytes(c);
      String cnonce = HexFormat.of().formatHex(c);
      sb.append(", qop=auth, nc=00000001, cnonce=\"").append(cnonce).append("\", response=\"")
          .append(md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2)).append("\"");
    } else {
      sb.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append("\"");
    }
    if (p.containsKey("opaque")) {
      sb.append(", opaque=\"").append(p.get("opaque")).append("\"");
    }
    sb.append(", algorithm=MD5");
    return sb.toString();
  }

  static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
