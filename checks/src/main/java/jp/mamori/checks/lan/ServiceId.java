package jp.mamori.checks.lan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the service on an open port from what it says (banner) or how it answers a protocol greeting,
 * on any port: an explicit target like 127.0.0.9:2525 is identified the same as a well-known port.
 */
public final class ServiceId {
  private ServiceId() {}

  /** service: ftp, ssh, telnet, smtp, pop3, imap, vnc, http, tls, smb, redis, mqtt, mongodb, unknown. */
  public record Identified(String service, byte[] banner) {
    public String bannerText() {
      return Wire.printable(banner, 200).strip();
    }
  }

  private static final List<String> ACTIVE = List.of("http", "tls", "smb", "redis", "mqtt", "mongodb");
  private static final List<String> SILENT = List.of("http", "https", "smb", "redis", "mqtt", "mongodb", "elasticsearch",
      "netbios-ssn", "jetdirect", "rpcbind", "nfs");

  public static Identified identify(Target t, Optional<String> hint, LanContext ctx) throws IOException {
    String h = hint.orElse("");
    Duration passive = SILENT.contains(h) ? Duration.ofMillis(250) : Duration.ofMillis(Math.min(1500, ctx.timeout().toMillis()));
    byte[] banner;
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      banner = w.readUntil(1024, passive, ServiceId::bannerComplete);
    }
    String passiveName = classifyBanner(banner);
    if (passiveName != null) {
      return new Identified(passiveName, banner);
    }
    LinkedHashSet<String> order = new LinkedHashSet<>();
    String first = switch (h) {
      case "https", "mqtt-tls", "winrm-tls", "imaps", "pop3s", "smtps" -> "tls";
      case "elasticsearch", "http" -> "http";
      case "netbios-ssn" -> "smb";
      default -> h;
    };
    if (ACTIVE.contains(first)) {
      order.add(first);
    }
    order.addAll(ACTIVE);
    for (String probe : order) {
      byte[] answer;
      try {
        answer = active(t, probe, ctx);
      } catch (IOException e) {
        continue;
      }
      if (answer.length > 0 && matches(probe, answer)) {
        return new Identified(probe, answer);
      }
    }
    return new Identified(banner.length > 0 ? "unknown" : "unknown-silent", banner);
  }

  private static boolean bannerComplete(byte[] b) {
    return b.length > 0 && (b[b.length - 1] == '\n' || (b[0] & 0xff) == 0xff && b.length >= 3 || b.length >= 12 && Wire.latin1(b).startsWith("RFB "));
  }

  static String classifyBanner(byte[] b) {
    if (b.length == 0) {
      return null;
    }
    String s = Wire.latin1(b);
    String lower = s.toLowerCase(Locale.ROOT);
    if (s.startsWith("SSH-")) {
      return "ssh";
    }
    if (s.startsWith("RFB ")) {
      return "vnc";
    }
    if ((b[0] & 0xff) == 0xff && b.length >= 2 && (b[1] & 0xff) >= 0xfb) {
      return "telnet";
    }
    if (s.startsWith("220")) {
      return lower.contains("smtp") || lower.contains("postfix") || lower.contains("exim") ? "smtp" : "ftp";
    }
    if (s.startsWith("+OK")) {
      return "pop3";
    }
    if (s.startsWith("* OK")) {
      return "imap";
    }
    if (lower.contains("login:") || lower.contains("username:") || lower.contains("password:")) {
      return "telnet";
    }
    return null;
  }

  static byte[] active(Target t, String probe, LanContext ctx) throws IOException {
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      switch (probe) {
        case "http" -> w.write("GET / HTTP/1.0\r\nHost: " + t.text() + "\r\nUser-Agent: Mamori-LAN-check/1.0\r\n\r\n");
        case "tls" -> w.write(Tls.clientHello(0x0303));
        case "smb" -> w.write(Smb.multiProtocolNegotiate());
        case "redis" -> w.write("PING\r\n");
        case "mqtt" -> w.write(Mqtt.connect());
        case "mongodb" -> w.write(Mongo.isMaster());
        default -> throw new IllegalArgumentException("no active probe " + probe);
      }
      return w.readUntil(512, ctx.timeout(), got -> got.length >= 12);
    }
  }

  static boolean matches(String probe, byte[] a) {
    String s = Wire.latin1(a);
    return switch (probe) {
      case "http" -> s.startsWith("HTTP/");
      case "tls" -> Tls.looksLikeTls(a);
      case "smb" -> a.length >= 8 && ((a[4] & 0xff) == 0xff || (a[4] & 0xff) == 0xfe) && s.startsWith("SMB", 5);
      case "redis" -> s.startsWith("+PONG") || s.startsWith("-NOAUTH") || s.startsWith("-DENIED") || s.startsWith("-ERR");
      case "mqtt" -> a.length >= 4 && (a[0] & 0xff) == 0x20;
      case "mongodb" -> a.length >= 16 && (leInt(a, 12) == 1 || leInt(a, 12) == 2013);
      default -> false;
    };
  }

  static int leInt(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }

  static List<String> lines(byte[] b) {
    List<String> out = new ArrayList<>();
    for (String l : new String(b, StandardCharsets.ISO_8859_1).split("\r?\n")) {
      out.add(l);
    }
    return out;
  }
}
