package jp.mamori.checks.lan;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import jp.mamori.checks.finding.Severity;

/**
 * Rule data of the LAN checks: office ports, default logins, EOL table, OUI table, console keywords. The
 * bundled copy lives in resources ({@link #get()}); a box with verified rule data from its console builds one
 * from that instead ({@link #fromJson}), so a scan holds exactly one copy. Either way every entry is checked
 * when loaded, and one bad entry refuses the whole set.
 */
public final class LanData {
  private static final String BASE = "jp/mamori/checks/lan/";
  private static final Pattern OUI = Pattern.compile("[0-9A-F]{6}");
  private static volatile LanData instance;

  public record Port(String proto, int port, String hint, boolean light) {}

  public record Credential(String service, String user, String password) {}

  public record EolEntry(String kind, Pattern pattern, String product, String eol, Severity severity) {}

  public record EolMatch(EolEntry entry, String matched) {}

  private final List<Port> ports;
  private final List<Credential> credentials;
  private final List<EolEntry> eol;
  private final Map<String, String> oui;
  private final List<String> consoleKeywords;
  private final List<String> consoleWords;
  private final List<List<String>> consoleActions;
  private final List<String> shareNames;

  private LanData(List<Port> ports, List<Credential> credentials, List<EolEntry> eol, Map<String, String> oui, List<String> consoleKeywords,
      List<String> shareNames) {
    this.ports = List.copyOf(ports);
    this.credentials = List.copyOf(credentials);
    this.eol = List.copyOf(eol);
    this.oui = Map.copyOf(oui);
    this.consoleKeywords = List.copyOf(consoleKeywords);
    this.consoleWords = consoleKeywords.stream().filter(l -> !l.startsWith(ACTION)).toList();
    this.consoleActions = consoleKeywords.stream().filter(l -> l.startsWith(ACTION))
        .map(l -> Arrays.stream(l.substring(ACTION.length()).split("\\|")).map(String::strip).filter(w -> !w.isEmpty()).toList())
        .filter(spellings -> !spellings.isEmpty()).toList();
    this.shareNames = List.copyOf(shareNames);
  }

  /** A console-keywords line naming one administration action, its spellings separated by "|". */
  private static final String ACTION = "action:";

  /** The copy bundled with this build (loaded once, on first use). */
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
      String where = "ports.txt line '" + String.join(" ", f) + "'";
      if (f.length < 3) {
        throw new IllegalStateException(where + ": expected 'proto port hint [light]'");
      }
      ports.add(port(f[0], number(f[1], where), f[2], f.length > 3 && f[3].equals("light"), where));
    }
    List<Credential> creds = new ArrayList<>();
    for (String[] f : lines("default-credentials.txt")) {
      String where = "default-credentials.txt line '" + String.join(" ", f) + "'";
      if (f.length < 3) {
        throw new IllegalStateException(where + ": expected 'service user password'");
      }
      creds.add(credential(f[0], f[1], f[2].equals("-") ? "" : f[2], where));
    }
    JsonArray entries = new JsonObject(read("eol.json")).getJsonArray("entries");
    List<EolEntry> eol = parseList(entries, "eol.json entries", LanData::eolEntry);
    Map<String, String> oui = new LinkedHashMap<>();
    for (String[] f : lines("oui.txt")) {
      String where = "oui.txt line '" + String.join(" ", f) + "'";
      if (f.length < 2) {
        throw new IllegalStateException(where + ": expected 'prefix vendor'");
      }
      ouiEntry(oui, f[0], String.join(" ", Arrays.copyOfRange(f, 1, f.length)), where);
    }
    List<String> keywords = new ArrayList<>();
    for (String line : read("console-keywords.txt").split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        keywords.add(keyword(l, "console-keywords.txt"));
      }
    }
    return new LanData(ports, creds, eol, oui, keywords, lines("share-names.txt").stream().map(f -> shareName(String.join(" ", f),
        "share-names.txt")).toList());
  }

  private static String shareName(String name, String where) {
    if (name == null || name.isBlank() || name.length() > 80 || name.contains("/") || name.contains("\\")) {
      throw new IllegalStateException(where + ": share name '" + name + "' must be 1-80 characters without slashes");
    }
    return name.strip();
  }

  /**
   * Builds the data from the {@code lan} object of verified rule data (the shape {@link #toJson()} writes).
   * A section the object does not carry is taken from the bundled copy; any malformed entry refuses the
   * whole object with an {@link IllegalArgumentException} naming the entry.
   */
  public static LanData fromJson(JsonObject lan) {
    if (lan == null) {
      throw new IllegalArgumentException("rule data has no 'lan' object");
    }
    try {
      List<Port> ports = lan.containsKey("ports") ? parseList(array(lan, "ports"), "lan.ports", (JsonObject o, String w) ->
          port(string(o, "proto", w), integer(o, "port", w), string(o, "hint", w), o.getBoolean("light", false), w)) : get().ports;
      List<Credential> creds = lan.containsKey("credentials") ? parseList(array(lan, "credentials"), "lan.credentials", (JsonObject o, String w) ->
          credential(string(o, "service", w), string(o, "user", w), o.getString("password", ""), w)) : get().credentials;
      List<EolEntry> eol = lan.containsKey("eol") ? parseList(array(lan, "eol"), "lan.eol", LanData::eolEntry) : get().eol;
      Map<String, String> oui;
      if (lan.containsKey("oui")) {
        oui = new LinkedHashMap<>();
        if (!(lan.getValue("oui") instanceof JsonObject o)) {
          throw new IllegalStateException("lan.oui must be an object of prefix: vendor");
        }
        for (String prefix : o.fieldNames()) {
          ouiEntry(oui, prefix, o.getValue(prefix) instanceof String v ? v : null, "lan.oui '" + prefix + "'");
        }
      } else {
        oui = get().oui;
      }
      List<String> keywords = lan.containsKey("consoleKeywords") ? parseList(array(lan, "consoleKeywords"), "lan.consoleKeywords",
          LanData::keyword) : get().consoleKeywords;
      List<String> shares = lan.containsKey("shareNames") ? parseList(array(lan, "shareNames"), "lan.shareNames", LanData::shareName)
          : get().shareNames;
      return new LanData(ports, creds, eol, oui, keywords, shares);
    } catch (IllegalStateException | ClassCastException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The rule data as the console serves it inside its signed payload ({@code data.lan}). */
  public JsonObject toJson() {
    JsonArray p = new JsonArray();
    ports.forEach(x -> p.add(new JsonObject().put("proto", x.proto()).put("port", x.port()).put("hint", x.hint()).put("light", x.light())));
    JsonArray c = new JsonArray();
    credentials.forEach(x -> c.add(new JsonObject().put("service", x.service()).put("user", x.user()).put("password", x.password())));
    JsonArray e = new JsonArray();
    eol.forEach(x -> e.add(new JsonObject().put("kind", x.kind()).put("pattern", x.pattern().pattern()).put("product", x.product())
        .put("eol", x.eol()).put("severity", x.severity().wire())));
    JsonObject o = new JsonObject();
    new java.util.TreeMap<>(oui).forEach(o::put);
    return new JsonObject().put("ports", p).put("credentials", c).put("eol", e).put("oui", o)
        .put("consoleKeywords", new JsonArray(new ArrayList<>(consoleKeywords))).put("shareNames", new JsonArray(new ArrayList<>(shareNames)));
  }

  private interface EntryParser<I, T> {
    T parse(I item, String where);
  }

  @SuppressWarnings("unchecked")
  private static <I, T> List<T> parseList(JsonArray items, String name, EntryParser<I, T> parser) {
    if (items == null) {
      throw new IllegalStateException(name + " must be a list");
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Object item = items.getValue(i);
      String where = name + "[" + i + "]";
      if (item == null) {
        throw new IllegalStateException(where + " is null");
      }
      try {
        out.add(parser.parse((I) item, where));
      } catch (ClassCastException e) {
        throw new IllegalStateException(where + " has the wrong type: " + item);
      }
    }
    return out;
  }

  private static JsonArray array(JsonObject o, String key) {
    if (!(o.getValue(key) instanceof JsonArray a)) {
      throw new IllegalStateException("lan." + key + " must be a list");
    }
    return a;
  }

  private static String string(JsonObject o, String key, String where) {
    if (!(o.getValue(key) instanceof String s) || s.isBlank()) {
      throw new IllegalStateException(where + ": '" + key + "' must be a non-empty string, got " + o.getValue(key));
    }
    return s;
  }

  private static int integer(JsonObject o, String key, String where) {
    if (!(o.getValue(key) instanceof Number n) || n.doubleValue() != n.intValue()) {
      throw new IllegalStateException(where + ": '" + key + "' must be a whole number, got " + o.getValue(key));
    }
    return n.intValue();
  }

  private static int number(String s, String where) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + ": port must be a number, got '" + s + "'");
    }
  }

  private static Port port(String proto, int port, String hint, boolean light, String where) {
    if (!proto.equals("tcp") && !proto.equals("udp")) {
      throw new IllegalStateException(where + ": proto must be tcp or udp, got '" + proto + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalStateException(where + ": port must be 1-65535, got " + port);
    }
    return new Port(proto, port, hint, light);
  }

  private static Credential credential(String service, String user, String password, String where) {
    if (!service.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalStateException(where + ": service must be a lower-case name like http, telnet or ftp, got '" + service + "'");
    }
    if (password == null) {
      throw new IllegalStateException(where + ": password must be a string (empty for none)");
    }
    return new Credential(service, user, password);
  }

  private static EolEntry eolEntry(JsonObject e, String where) {
    String product = string(e, "product", where);
    String at = where + " (" + product + ")";
    String kind = string(e, "kind", at);
    String raw = string(e, "pattern", at);
    Pattern pattern;
    try {
      pattern = Pattern.compile(raw);
    } catch (PatternSyntaxException x) {
      throw new IllegalStateException(at + ": pattern '" + raw + "' is not a valid regular expression: " + x.getDescription()
          + " near index " + x.getIndex());
    }
    String eol = e.getValue("eol", "") instanceof String s ? s : null;
    if (eol == null) {
      throw new IllegalStateException(at + ": eol must be a date string (or empty), got " + e.getValue("eol"));
    }
    if (!eol.isEmpty()) {
      try {
        LocalDate.parse(eol);
      } catch (DateTimeParseException x) {
        throw new IllegalStateException(at + ": eol must be a date like 2025-10-14 (or empty), got '" + eol + "'");
      }
    }
    Severity severity;
    try {
      severity = Severity.parse(e.getString("severity"));
    } catch (IllegalArgumentException x) {
      throw new IllegalStateException(at + ": " + x.getMessage());
    }
    return new EolEntry(kind, pattern, product, eol, severity);
  }

  private static String keyword(String word, String where) {
    if (word.isBlank()) {
      throw new IllegalStateException(where + ": a console keyword must not be empty (it would match every page)");
    }
    return word.strip().toLowerCase(Locale.ROOT);
  }

  private static void ouiEntry(Map<String, String> into, String prefix, String vendor, String where) {
    String p = prefix == null ? "" : prefix.toUpperCase(Locale.ROOT);
    if (!OUI.matcher(p).matches()) {
      throw new IllegalStateException(where + ": prefix must be 6 hex digits");
    }
    if (vendor == null || vendor.isBlank()) {
      throw new IllegalStateException(where + ": vendor name missing");
    }
    into.put(p, vendor.strip());
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

  /** The lines of the console-keywords table as carried in rule data (words, and {@code action:} lines). */
  public List<String> consoleKeywords() {
    return consoleKeywords;
  }

  /** Lower-case words in a management page's title or heading that mark it as a device console. */
  public List<String> consoleWords() {
    return consoleWords;
  }

  /** Device-administration actions (firmware update, reboot ...), each as its lower-case spellings. */
  public List<List<String>> consoleActions() {
    return consoleActions;
  }

  /** Common share names to try opening when a server does not list its shares to anonymous or guest. */
  public List<String> shareNames() {
    return shareNames;
  }

  /** The SNMP communities of the credential list (service "snmp"), at most one service's login budget. */
  public List<String> snmpCommunities() {
    return credentials("snmp").stream().map(Credential::password).distinct().limit(Attempts.MAX_PER_SERVICE).toList();
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
