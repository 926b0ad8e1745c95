package jp.mamori.checks.lan;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Severity;

/** Rule data of the LAN checks, kept as resources: office ports, default logins, EOL table, OUI table. */
public final class LanData {
  private static final String BASE = "jp/mamori/checks/lan/";
  private static volatile LanData instance;

  public record Port(String proto, int port, String hint, boolean light) {}

  public record Credential(String service, String user, String password) {}

  public record EolEntry(String kind, Pattern pattern, String product, String eol, Severity severity) {}

  public record EolMatch(EolEntry entry, String matched) {}

  private final List<Port> ports;
  private final List<Credential> credentials;
  private final List<EolEntry> eol;
  private final Map<String, String> oui;

  private LanData(List<Port> ports, List<Credential> credentials, List<EolEntry> eol, Map<String, String> oui) {
    this.ports = List.copyOf(ports);
    this.credentials = List.copyOf(credentials);
    this.eol = List.copyOf(eol);
    this.oui = Map.copyOf(oui);
  }

  public static LanData get() {
    LanData d = instance;
    if (d == null) {
      synchronized (LanData.class) {
        d = instance;
        if (d == null) {
          d = load();
          instance = d;
        }
      }
    }
    return d;
  }

  static LanData load() {
    List<Port> ports = new ArrayList<>();
    for (String[] f : lines("ports.txt")) {
      if (f.length < 3 || !(f[0].equals("tcp") || f[0].equals("udp"))) {
        throw new IllegalStateException("ports.txt: bad line '" + String.join(" ", f) + "'");
      }
      ports.add(new Port(f[0], Integer.parseInt(f[1]), f[2], f.length > 3 && f[3].equals("light")));
    }
    List<Credential> creds = new ArrayList<>();
    for (String[] f : lines("default-credentials.txt")) {
      if (f.length < 3) {
        throw new IllegalStateException("default-credentials.txt: bad line '" + String.join(" ", f) + "'");
      }
      creds.add(new Credential(f[0], f[1], f[2].equals("-") ? "" : f[2]));
    }
    List<EolEntry> eol = new ArrayList<>();
    JsonArray entries = new JsonObject(read("eol.json")).getJsonArray("entries");
    for (int i = 0; i < entries.size(); i++) {
      JsonObject e = entries.getJsonObject(i);
      eol.add(new EolEntry(e.getString("kind"), Pattern.compile(e.getString("pattern")), e.getString("product"),
          e.getString("eol", ""), Severity.parse(e.getString("severity"))));
    }
    Map<String, String> oui = new HashMap<>();
    for (String[] f : lines("oui.txt")) {
      if (f.length < 2 || !f[0].matches("[0-9A-Fa-f]{6}")) {
        throw new IllegalStateException("oui.txt: bad line '" + String.join(" ", f) + "'");
      }
      oui.put(f[0].toUpperCase(Locale.ROOT), String.join(" ", java.util.Arrays.copyOfRange(f, 1, f.length)));
    }
    return new LanData(ports, creds, eol, oui);
  }

  public List<Port> ports() {
    return ports;
  }

  public List<Port> tcpPorts(boolean lightOnly) {
    return ports.stream().filter(p -> p.proto().equals("tcp") && (!lightOnly || p.light())).toList();
  }

  public Optional<String> hint(int tcpPort) {
    return ports.stream().filter(p -> p.proto().equals("tcp") && p.port() == tcpPort).map(Port::hint).findFirst();
  }

  /** The curated list for one service (http, telnet, ftp), in order of likelihood. */
  public List<Credential> credentials(String service) {
    return credentials.stream().filter(c -> c.service().equals(service)).toList();
  }

  /** End-of-life entries that match what a device said about itself (first match per kind wins). */
  public Optional<EolMatch> eol(String kind, String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    for (EolEntry e : eol) {
      if (e.kind().equals(kind)) {
        Matcher m = e.pattern().matcher(text);
        if (m.find()) {
          return Optional.of(new EolMatch(e, m.group()));
        }
      }
    }
    return Optional.empty();
  }

  /** Vendor of a MAC address ("aa:bb:cc:dd:ee:ff"); locally administered (random) MACs say so. */
  public Optional<String> vendor(String mac) {
    if (mac == null) {
      return Optional.empty();
    }
    String hex = mac.replaceAll("[^0-9A-Fa-f]", "").toUpperCase(Locale.ROOT);
    if (hex.length() < 6) {
      return Optional.empty();
    }
    String v = oui.get(hex.substring(0, 6));
    if (v == null && (Integer.parseInt(hex.substring(0, 2), 16) & 0x02) != 0) {
      return Optional.of("(random/private MAC)");
    }
    return Optional.ofNullable(v);
  }

  public static boolean eolPassed(String eolDate, LocalDate today) {
    if (eolDate == null || eolDate.isEmpty()) {
      return false;
    }
    return !LocalDate.parse(eolDate).isAfter(today);
  }

  private static List<String[]> lines(String name) {
    List<String[]> out = new ArrayList<>();
    for (String line : read(name).split("\n")) {
      int hash = line.indexOf('#');
      String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!l.isEmpty()) {
        out.add(l.split("\\s+"));
      }
    }
    return out;
  }

  static String read(String name) {
    try (InputStream in = LanData.class.getClassLoader().getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BASE + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + BASE + name, e);
    }
  }
}
