package jp.mamori.console.exports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import jp.mamori.console.Services;
import jp.mamori.console.attachments.Attachments;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.referrals.Referrals;
import jp.mamori.console.tickets.TicketView;
import jp.mamori.console.tickets.Tickets;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.I18n;

/**
 * Everything an insurer or investigator needs about one ticket, in one document: the company, the alerts and
 * all their findings (as the box sent them), every message including internal notes, status changes,
 * referrals, attachment checksums, and one timeline of it all. A SHA-256 over the canonical JSON lets a
 * recipient tell the pack was not altered after export.
 */
public final class EvidencePack {
  public static final int MAX_FINDINGS = 2000;

  private EvidencePack() {}

  public static JsonObject build(Services s, Connection c, Principal p, long ticketId) throws SQLException {
    if (!p.role().desk()) {
      throw ApiError.forbidden("evidence packs are exported by the chamber's desk");
    }
    TicketView v = TicketView.load(s, c, p, ticketId);
    Tickets.Ticket t = v.ticket();
    JsonArray findings = new JsonArray();
    JsonArray alerts = new JsonArray();
    List<JsonObject> timeline = new ArrayList<>();
    timeline.add(event(t.createdAt(), "ticket", "相談を受付（" + t.source() + "）: " + t.subject(), "Ticket opened (" + t.source() + "): " + t.subject()));
    for (Alerts.Alert a : v.alerts()) {
      alerts.add(a.toJson());
      timeline.add(event(a.firstSeenAt(), "alert", "初回検出: " + a.titleJa() + "（" + a.target() + "）", "First detected: " + a.titleEn()
          + " (" + a.target() + ")"));
      if (a.resolvedAt() != null) {
        timeline.add(event(a.resolvedAt(), "alert", "点検で検出されなくなった: " + a.titleJa(), "No longer detected: " + a.titleEn()));
      }
      for (JsonObject f : s.alerts().findings(c, a.id(), MAX_FINDINGS)) {
        findings.add(f);
        timeline.add(event(Instant.parse(f.getString("receivedAt")), "finding", "検出結果を受信: " + f.getJsonObject("title").getString("ja"),
            "Finding received: " + f.getJsonObject("title").getString("en")));
      }
    }
    JsonArray messages = new JsonArray();
    for (Tickets.Message m : s.tickets().messages(c, t.id(), true)) {
      messages.add(m.toJson());
      String who = m.authorName() == null ? "システム" : m.authorName();
      String text = m.text("ja");
      timeline.add(event(m.createdAt(), "message", who + "（" + m.kind() + "）: " + abbreviate(text), (m.authorName() == null ? "system" : m.authorName())
          + " (" + m.kind() + "): " + abbreviate(m.text("en"))));
    }
    JsonArray history = new JsonArray();
    for (Tickets.StatusChange h : v.history()) {
      history.add(h.toJson());
      timeline.add(event(h.at(), "status", "状態: " + (h.from() == null ? "" : I18n.t("ja", "status." + h.from()) + " → ")
          + I18n.t("ja", "status." + h.to()), "Status: " + (h.from() == null ? "" : I18n.t("en", "status." + h.from()) + " → ")
          + I18n.t("en", "status." + h.to())));
    }
    JsonArray referrals = new JsonArray();
    for (Referrals.Referral r : s.desk().referrals().forTicket(c, p, t.id())) {
      referrals.add(r.toJson());
      timeline.add(event(r.createdAt(), "referral", "協力事業者へ依頼: " + r.partnerName(), "Referred to partner: " + r.partnerName()));
    }
    JsonArray attachments = new JsonArray();
    for (Attachments.Attachment a : s.desk().attachments().list(c, t.id(), true)) {
      attachments.add(a.toJson());
    }
    timeline.sort(Comparator.comparing(e -> e.getString("at")));
    JsonObject pack = new JsonObject().put("kind", "mamori.evidence-pack").put("version", 1).put("generatedAt", s.clock().instant().toString())
        .put("generatedBy", new JsonObject().put("id", p.userId()).put("name", p.displayName()).put("email", p.email()))
        .put("ticket", t.toJson()).put("company", v.sme().toJson())
        .put("insurance", new JsonObject().put("candidate", t.insuranceCandidate()).put("note", t.insuranceNote()))
        .put("sla", v.sla()).put("alerts", alerts).put("findings", findings).put("messages", messages).put("statusHistory", history)
        .put("referrals", referrals).put("attachments", attachments).put("timeline", new JsonArray(timeline));
    return pack.put("integrity", new JsonObject().put("algorithm", "SHA-256").put("over", "this object without \"integrity\", encoded as compact JSON")
        .put("digest", sha256(pack.encode())));
  }

  /** Recomputes the digest of a pack as exported (for recipients and tests). */
  public static boolean intact(JsonObject pack) {
    JsonObject copy = pack.copy();
    JsonObject integrity = (JsonObject) copy.remove("integrity");
    return integrity != null && sha256(copy.encode()).equals(integrity.getString("digest"));
  }

  static JsonObject event(Instant at, String type, String ja, String en) {
    return new JsonObject().put("at", at.toString()).put("type", type).put("summary", new JsonObject().put("ja", ja).put("en", en));
  }

  static String abbreviate(String s) {
    String one = s == null ? "" : s.replace('\n', ' ').strip();
    return one.length() > 120 ? one.substring(0, 120) + "…" : one;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
