package jp.mamori.console.exports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.tickets.TicketView;
import jp.mamori.console.tickets.Tickets;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Html;

/**
 * The incident report a company files after an intrusion: every field of IPA's 不正アクセス届出 (reporter,
 * date found, affected systems with on-premises/cloud/SaaS and how they connect, how it was found, intrusion
 * route, damage, response taken) and the government's common ransomware items (ransom note, encrypted-file
 * extension, strain, intrusion method, indicators of compromise). Fields are prefilled from the company,
 * the ticket, its alerts and findings; what the desk writes overrides the prefill, field by field.
 */
public final class IncidentReports {
  /** One field of the report: its JSON path, labels, and whether the IPA form requires it. */
  public record Field(String path, String ja, String en, String type, boolean required) {}

  public static final List<String> SYSTEM_KINDS = List.of("onprem", "cloud", "saas");
  public static final List<String> FOUND_BY = List.of("own_check", "monitoring_alert", "customer", "provider", "police_or_authority", "other");
  public static final List<String> YES_NO = List.of("yes", "no", "unknown");

  public static final List<Field> FIELDS = List.of(
      new Field("reporter.address", "届出者の住所（所在地）", "Reporter's address", "text", true),
      new Field("reporter.organisation", "組織名（会社名）", "Organisation", "text", true),
      new Field("reporter.name", "届出者の氏名", "Reporter's name", "text", true),
      new Field("reporter.email", "電子メールアドレス", "E-mail", "text", true),
      new Field("reporter.phone", "電話番号", "Phone", "text", true),
      new Field("dateFound", "発見日時", "Date and time found", "datetime", true),
      new Field("affectedSystems", "被害を受けたシステム（機器、オンプレミス／クラウド／SaaSの別）", "Affected systems (devices; on-premises, cloud or SaaS)",
          "systems", true),
      new Field("connectionNotes", "システムの接続構成（ネットワーク構成の説明）", "How the systems connect (network layout)", "textarea", false),
      new Field("howFound.method", "発見の経緯", "How it was found", "choice:" + String.join(",", FOUND_BY), true),
      new Field("howFound.detail", "発見の経緯（詳細）", "How it was found (details)", "textarea", false),
      new Field("intrusionRoute", "侵入経路（推定を含む）", "Intrusion route (suspected included)", "textarea", true),
      new Field("damage.description", "被害の内容", "Damage", "textarea", true),
      new Field("damage.personalData", "個人情報の漏えい等のおそれ", "Personal data possibly affected", "choice:" + String.join(",", YES_NO), true),
      new Field("responseTaken", "対応状況（実施した対策）", "Response taken", "textarea", true),
      new Field("ransomware.applicable", "ランサムウェアによる被害", "Ransomware involved", "boolean", false),
      new Field("ransomware.ransomNote", "脅迫文（身代金要求）の内容", "Ransom note", "textarea", false),
      new Field("ransomware.encryptedExtension", "暗号化されたファイルの拡張子", "Extension of encrypted files", "text", false),
      new Field("ransomware.strain", "ランサムウェアの種類（名称）", "Ransomware strain", "text", false),
      new Field("ransomware.intrusionMethod", "侵入手口", "Intrusion method", "textarea", false),
      new Field("ransomware.iocs", "痕跡情報（IoC: 不審なドメイン、IPアドレス、ハッシュ値など）", "Indicators of compromise (domains, addresses, hashes)", "list",
          false));
  private static final Set<String> RANSOMWARE_REQUIRED = Set.of("ransomware.ransomNote", "ransomware.encryptedExtension", "ransomware.strain",
      "ransomware.intrusionMethod");

  private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>()]+");
  private static final Pattern HASH = Pattern.compile("\\b[0-9a-fA-F]{64}\\b|\\b[0-9a-fA-F]{40}\\b|\\b[0-9a-fA-F]{32}\\b");
  private static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");

  private final Clock clock;

  public IncidentReports(Clock clock) {
    this.clock = clock;
  }

  /** The report as it stands: prefill with the desk's edits on top, which fields are still prefills, and what is missing. */
  public JsonObject report(Services s, Connection c, Principal p, long ticketId) throws SQLException {
    TicketView v = TicketView.load(s, c, p, ticketId);
    JsonObject prefill = prefill(s, c, v);
    record Stored(JsonObject fields, Long by, String byName, long at) {}
    Stored stored = Jdbc.one(c, "SELECT r.fields_json, r.updated_by, u.display_name, r.updated_at FROM incident_reports r "
            + "LEFT JOIN users u ON u.id = r.updated_by WHERE r.ticket_id = ?",
        rs -> new Stored(new JsonObject(rs.getString(1)), Jdbc.nullableLong(rs, "updated_by"), rs.getString(3), rs.getLong(4)), ticketId)
        .orElse(null);
    JsonObject fields = prefill.copy();
    JsonArray prefilled = new JsonArray();
    JsonArray missing = new JsonArray();
    boolean ransomware;
    for (Field f : FIELDS) {
      Object own = stored == null ? null : get(stored.fields(), f.path());
      if (own != null) {
        set(fields, f.path(), own);
      } else if (present(get(prefill, f.path()))) {
        prefilled.add(f.path());
      }
    }
    ransomware = Boolean.TRUE.equals(get(fields, "ransomware.applicable"));
    for (Field f : FIELDS) {
      if ((f.required() || (ransomware && RANSOMWARE_REQUIRED.contains(f.path()))) && !present(get(fields, f.path()))) {
        missing.add(f.path());
      }
    }
    Tickets.Ticket t = v.ticket();
    return new JsonObject().put("ticketId", t.id()).put("company", v.sme().name()).put("fields", fields).put("prefilled", prefilled)
        .put("missing", missing).put("complete", missing.isEmpty())
        .put("updatedAt", stored == null ? null : Instant.ofEpochMilli(stored.at()).toString())
        .put("updatedBy", stored == null ? null : stored.byName()).put("generatedAt", clock.instant().toString());
  }

  /** The desk's edits, field by field; null clears a field back to its prefill. Unknown fields are refused. */
  public void save(Connection c, Principal p, Tickets.Ticket t, JsonObject in) throws SQLException {
    if (!p.role().desk()) {
      throw ApiError.forbidden("the chamber's desk prepares the incident report");
    }
    JsonObject current = Jdbc.one(c, "SELECT fields_json FROM incident_reports WHERE ticket_id = ?", rs -> new JsonObject(rs.getString(1)), t.id())
        .orElse(new JsonObject());
    Set<String> known = new LinkedHashSet<>();
    FIELDS.forEach(f -> known.add(f.path()));
    for (String path : flatten(in, "")) {
      if (!known.contains(path)) {
        throw new IllegalArgumentException("unknown incident-report field " + path + "; fields are " + known);
      }
    }
    for (Field f : FIELDS) {
      if (!has(in, f.path())) {
        continue;
      }
      Object v = validate(f, get(in, f.path()));
      if (v == null) {
        remove(current, f.path());
      } else {
        set(current, f.path(), v);
      }
    }
    long now = clock.millis();
    Jdbc.update(c, "INSERT INTO incident_reports(ticket_id, fields_json, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(ticket_id) "
        + "DO UPDATE SET fields_json = excluded.fields_json, updated_by = excluded.updated_by, updated_at = excluded.updated_at", t.id(),
        current.encode(), p.userId(), now);
  }

  private static Object validate(Field f, Object v) {
    if (v == null) {
      return null;
    }
    switch (f.type()) {
      case "systems" -> {
        if (!(v instanceof JsonArray a)) {
          throw new IllegalArgumentException(f.path() + " must be an array of {name, kind, detail}");
        }
        JsonArray out = new JsonArray();
        for (Object o : a) {
          if (!(o instanceof JsonObject s) || s.getString("name") == null || s.getString("name").isBlank()) {
            throw new IllegalArgumentException(f.path() + " entries need a name");
          }
          String kind = s.getString("kind", "onprem");
          if (!SYSTEM_KINDS.contains(kind)) {
            throw new IllegalArgumentException(f.path() + " kind must be one of " + SYSTEM_KINDS + ", got: " + kind);
          }
          out.add(new JsonObject().put("name", limit(s.getString("name"), 300, f.path())).put("kind", kind)
              .put("detail", limit(s.getString("detail", ""), 2000, f.path())));
        }
        return out.size() > 100 ? fail(f.path() + " may list at most 100 systems") : out;
      }
      case "list" -> {
        if (!(v instanceof JsonArray a)) {
          throw new IllegalArgumentException(f.path() + " must be an array of strings");
        }
        JsonArray out = new JsonArray();
        for (Object o : a) {
          if (o instanceof String str && !str.isBlank()) {
            out.add(limit(str, 500, f.path()));
          }
        }
        return out.size() > 500 ? fail(f.path() + " may list at most 500 entries") : out;
      }
      case "boolean" -> {
        if (!(v instanceof Boolean)) {
          throw new IllegalArgumentException(f.path() + " must be true or false");
        }
        return v;
      }
      case "datetime" -> {
        try {
          return Instant.parse(String.valueOf(v)).toString();
        } catch (java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException(f.path() + " must be an ISO instant like 2026-06-10T01:00:00Z, got: " + v);
        }
      }
      default -> {
        if (!(v instanceof String str)) {
          throw new IllegalArgumentException(f.path() + " must be text");
        }
        if (f.type().startsWith("choice:") && !str.isBlank() && !List.of(f.type().substring(7).split(",")).contains(str)) {
          throw new IllegalArgumentException(f.path() + " must be one of " + f.type().substring(7) + ", got: " + str);
        }
        return str.isBlank() ? null : limit(str, f.type().equals("textarea") ? 20_000 : 500, f.path());
      }
    }
  }

  private static Object fail(String message) {
    throw new IllegalArgumentException(message);
  }

  private static String limit(String s, int max, String path) {
    if (s != null && s.length() > max) {
      throw new IllegalArgumentException(path + " is longer than " + max + " characters");
    }
    return s == null ? null : s.strip();
  }

  /** What the console already knows: the company as reporter, the first detection, targets as systems, indicators from evidence. */
  static JsonObject prefill(Services s, Connection c, TicketView v) throws SQLException {
    Tickets.Ticket t = v.ticket();
    JsonObject f = new JsonObject();
    f.put("reporter", new JsonObject().put("address", v.sme().address()).put("organisation", v.sme().name())
        .put("name", t.contactName() != null ? t.contactName() : v.sme().contactName()).put("email", v.sme().contactEmail())
        .put("phone", t.contactPhone() != null ? t.contactPhone() : v.sme().contactPhone()));
    Instant found = t.createdAt();
    JsonArray systems = new JsonArray();
    Set<String> targets = new LinkedHashSet<>();
    List<String> titles = new ArrayList<>();
    for (Alerts.Alert a : v.alerts()) {
      if (a.firstSeenAt().isBefore(found)) {
        found = a.firstSeenAt();
      }
      titles.add(a.titleJa());
      if (targets.add(a.target())) {
        boolean web = a.check().startsWith("web.");
        systems.add(new JsonObject().put("name", a.target()).put("kind", web ? "cloud" : "onprem")
            .put("detail", web ? "ホームページ（レンタルサーバー等で公開）" : "社内ネットワークの機器"));
      }
    }
    f.put("dateFound", found.toString());
    if (!systems.isEmpty()) {
      f.put("affectedSystems", systems);
    }
    String method = switch (t.source()) {
      case "box" -> "monitoring_alert";
      case "portal", "local" -> "own_check";
      default -> null;
    };
    String detail = t.source().equals("box") ? "商工会議所の見守りボックスによる点検で検出（初回検出 " + Html.time(found) + "）: " + String.join("、", titles)
        : "企業から相談窓口への相談（" + Html.time(t.createdAt()) + "）: " + t.subject();
    f.put("howFound", new JsonObject().put("method", method).put("detail", detail));
    if (!titles.isEmpty()) {
      f.put("damage", new JsonObject().put("description", "検出された問題: " + String.join("、", titles)));
    }
    StringBuilder response = new StringBuilder();
    for (Tickets.StatusChange h : v.history()) {
      response.append(Html.time(h.at())).append(" ").append(statusJa(h.to())).append('\n');
    }
    f.put("responseTaken", response.toString().strip());
    f.put("ransomware", new JsonObject().put("applicable", false).put("iocs", iocs(v.findings())));
    return f;
  }

  private static String statusJa(String status) {
    return switch (status) {
      case "new" -> "相談窓口で受付";
      case "open" -> "相談員が対応";
      case "waiting" -> "企業の回答待ち";
      case "referred" -> "協力事業者に対応を依頼";
      case "resolved" -> "解決";
      default -> "完了";
    };
  }

  /** URLs, their hosts, addresses and hashes found in the findings' evidence. */
  static JsonArray iocs(List<JsonObject> findings) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonObject f : findings) {
      JsonObject evidence = f.getJsonObject("evidence", new JsonObject());
      for (String value : strings(evidence)) {
        Matcher m = URL.matcher(value);
        while (m.find()) {
          out.add(m.group());
          try {
            String host = java.net.URI.create(m.group()).getHost();
            if (host != null) {
              out.add(host);
            }
          } catch (IllegalArgumentException ignored) {
            // not a URI after all; the URL text itself is kept
          }
        }
        Matcher h = HASH.matcher(value);
        while (h.find()) {
          out.add(h.group().toLowerCase(java.util.Locale.ROOT));
        }
        Matcher ip = IPV4.matcher(value);
        while (ip.find()) {
          out.add(ip.group());
        }
      }
    }
    return new JsonArray(new ArrayList<>(out).subList(0, Math.min(out.size(), 200)));
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof String str) {
      out.add(str);
    } else if (o instanceof JsonObject j) {
      j.forEach(e -> out.addAll(strings(e.getValue())));
    } else if (o instanceof JsonArray a) {
      a.forEach(x -> out.addAll(strings(x)));
    }
    return out;
  }

  // ---- dotted paths in JSON objects

  public static Object get(JsonObject j, String path) {
    Object cur = j;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof JsonObject o)) {
        return null;
      }
      cur = o.getValue(part);
    }
    return cur;
  }

  static boolean has(JsonObject j, String path) {
    String[] parts = path.split("\\.");
    JsonObject cur = j;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!(cur.getValue(parts[i]) instanceof JsonObject o)) {
        return false;
      }
      cur = o;
    }
    return cur.containsKey(parts[parts.length - 1]);
  }

  static void set(JsonObject j, String path, Object v) {
    String[] parts = path.split("\\.");
    JsonObject cur = j;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!(cur.getValue(parts[i]) instanceof JsonObject)) {
        cur.put(parts[i], new JsonObject());
      }
      cur = cur.getJsonObject(parts[i]);
    }
    cur.put(parts[parts.length - 1], v);
  }

  static void remove(JsonObject j, String path) {
    String[] parts = path.split("\\.");
    JsonObject cur = j;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!(cur.getValue(parts[i]) instanceof JsonObject o)) {
        return;
      }
      cur = o;
    }
    cur.remove(parts[parts.length - 1]);
  }

  /** Leaf paths of an object, stopping at arrays and at the paths the report knows as leaves. */
  private static List<String> flatten(JsonObject j, String prefix) {
    List<String> out = new ArrayList<>();
    for (String k : j.fieldNames()) {
      String path = prefix + k;
      Object v = j.getValue(k);
      boolean leaf = FIELDS.stream().anyMatch(f -> f.path().equals(path));
      if (v instanceof JsonObject o && !leaf) {
        out.addAll(flatten(o, path + "."));
      } else {
        out.add(path);
      }
    }
    return out;
  }

  public static boolean present(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof String str) {
      return !str.isBlank();
    }
    if (v instanceof JsonArray a) {
      return !a.isEmpty();
    }
    return true;
  }
}
