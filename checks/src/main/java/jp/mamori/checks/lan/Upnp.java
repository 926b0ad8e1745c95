package jp.mamori.checks.lan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Severity;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * UPnP: a unicast M-SEARCH to the device, its description (model and firmware strings) and, on an
 * internet gateway, the port mappings that expose inside services to the internet. Only URLs on the
 * same device are followed.
 */
public final class Upnp {
  private Upnp() {}

  private static final int MAX_MAPPINGS = 32;
  private static final java.util.Set<Integer> RISKY = java.util.Set.of(21, 22, 23, 139, 445, 3389, 5900, 1433, 3306, 6379, 9200, 27017, 2323, 8080, 80);

  static byte[] msearch(InetAddress host, int port) {
    return ("M-SEARCH * HTTP/1.1\r\nHOST: " + host.getHostAddress() + ":" + port + "\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
        + "ST: upnp:rootdevice\r\nUSER-AGENT: Mamori-LAN-check/1.0 UPnP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Returns true when the device answered SSDP. */
  public static boolean check(InetAddress host, int port, LanContext ctx) {
    byte[] r;
    try {
      r = Udp.ask(host, port, msearch(host, port), ctx, ctx.timeout());
    } catch (IOException e) {
      return false;
    }
    if (r == null) {
      return false;
    }
    answered(host, port, r, ctx);
    return true;
  }

  /** Unicast M-SEARCH to every host at once; the answers' descriptions are fetched one by one. */
  public static java.util.Set<InetAddress> sweep(java.util.List<InetAddress> hosts, LanContext ctx) {
    java.util.Map<InetAddress, byte[]> answers;
    try {
      answers = Udp.sweep(hosts, 1900, h -> msearch(h, 1900), ctx, ctx.timeout());
    } catch (IOException e) {
      ctx.error("ssdp: " + e.getMessage());
      return java.util.Set.of();
    }
    answers.forEach((h, r) -> answered(h, 1900, r, ctx));
    return answers.keySet();
  }

  private static void answered(InetAddress host, int port, byte[] r, LanContext ctx) {
    String answer = new String(r, StandardCharsets.ISO_8859_1);
    Matcher loc = Pattern.compile("(?im)^location:\\s*(\\S+)").matcher(answer);
    Matcher server = Pattern.compile("(?im)^server:\\s*(.+)$").matcher(answer);
    Inventory.Device dev = ctx.inventory().device(host.getHostAddress());
    String serverText = server.find() ? server.group(1).strip() : "";
    dev.service("udp/" + port, "ssdp " + HttpCheck.clip(serverText, 80));
    Target ssdp = new Target(host, port);
    if (!serverText.isEmpty()) {
      Eol.report(ssdp, "upnp", serverText, ctx);
    }
    if (loc.find()) {
      description(host, loc.group(1), ctx);
    }
  }

  static void description(InetAddress host, String location, LanContext ctx) {
    URI u;
    try {
      u = URI.create(location);
    } catch (IllegalArgumentException e) {
      return;
    }
    if (u.getHost() == null || !u.getHost().replaceAll("[\\[\\]]", "").equals(host.getHostAddress())) {
      ctx.error("upnp " + host.getHostAddress() + ": description URL on another host ignored: " + location);
      return;
    }
    Target web = new Target(host, u.getPort() == -1 ? 80 : u.getPort());
    boolean tls = "https".equalsIgnoreCase(u.getScheme());
    Http.Response r;
    try {
      r = Http.get(web, tls, u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath(), ctx);
    } catch (IOException e) {
      return;
    }
    Document xml = Jsoup.parse(r.text(), "", Parser.xmlParser());
    Inventory.Device dev = ctx.inventory().device(host.getHostAddress());
    dev.name("upnp", text(xml, "friendlyName"));
    String model = (text(xml, "manufacturer") + " " + text(xml, "modelName") + " " + text(xml, "modelNumber")).strip();
    if (!model.isEmpty()) {
      dev.note("upnp model " + HttpCheck.clip(model, 100));
      Eol.report(web, "upnp", model + " " + text(xml, "modelDescription"), ctx);
    }
    for (Element svc : xml.select("service")) {
      String type = text(svc, "serviceType");
      if (type.contains("WANIPConnection") || type.contains("WANPPPConnection")) {
        String control = text(svc, "controlURL");
        String path = URI.create(location).resolve(control).getRawPath();
        mappings(web, tls, path, type, ctx);
      }
    }
  }

  private static void mappings(Target web, boolean tls, String controlPath, String serviceType, LanContext ctx) {
    for (int i = 0; i < MAX_MAPPINGS; i++) {
      String body = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
          + "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:GetGenericPortMappingEntry xmlns:u=\""
          + serviceType + "\"><NewPortMappingIndex>" + i + "</NewPortMappingIndex></u:GetGenericPortMappingEntry></s:Body></s:Envelope>";
      Http.Request req = new Http.Request("POST", controlPath, new java.util.LinkedHashMap<>(), body.getBytes(StandardCharsets.UTF_8))
          .with("Content-Type", "text/xml; charset=\"utf-8\"")
          .with("SOAPAction", "\"" + serviceType + "#GetGenericPortMappingEntry\"");
      Http.Response r;
      try {
        r = Http.send(web, tls, req, ctx);
      } catch (IOException e) {
        return;
      }
      if (r.status() != 200) {
        return;
      }
      Document x = Jsoup.parse(r.text(), "", Parser.xmlParser());
      String ext = text(x, "NewExternalPort");
      String proto = text(x, "NewProtocol");
      String client = text(x, "NewInternalClient");
      String inPort = text(x, "NewInternalPort");
      if (ext.isEmpty() || client.isEmpty()) {
        return;
      }
      boolean enabled = !text(x, "NewEnabled").equals("0");
      if (!enabled) {
        continue;
      }
      int internalPort = parse(inPort);
      String internal = client + ":" + inPort;
      ctx.add(ctx.finding("lan.upnp-mapping", web.hostText(), web.hostText()).arg("internal", internal).arg("external", ext)
          .arg("protocol", proto.toUpperCase(Locale.ROOT)).identity("external", proto + "/" + ext).identity("internal", internal)
          .evidence("description", text(x, "NewPortMappingDescription")).evidence("remoteHost", text(x, "NewRemoteHost")),
          RISKY.contains(internalPort) ? Severity.HIGH : Severity.MEDIUM);
    }
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String text(Element root, String tag) {
    Element e = root.selectFirst(tag);
    return e == null ? "" : e.text().strip();
  }
}
