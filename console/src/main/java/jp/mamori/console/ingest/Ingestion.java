package jp.mamori.console.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.InvalidFindingException;
import jp.mamori.checks.finding.RunReport;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Jdbc;
import jp.mamori.console.boxes.Boxes.BoxIdentity;
import jp.mamori.console.tickets.Tickets;

/**
 * Turns what a box delivered into alerts and tickets, in the writer's transaction. Idempotent: a finding
 * or run seen before (same id) changes nothing, so an agent may resend after any crash.
 *
 * <p>Findings fold into one alert per company and fingerprint. A high or critical open alert has exactly
 * one live ticket. A run that covered an alert's check and target without seeing it again resolves the
 * alert (unless the alert was observed after the run finished) and notes this on the ticket. First and last
 * seen are the console's receipt times; observation and run times are the box's, placed on the console's
 * clock by {@link BoxTime}, and stored that way ({@code findings.observed_at}, {@code runs.started_at},
 * {@code finished_at}, {@code alerts.last_observed_at}); the finding's body keeps the box's own words.
 */
public final class Ingestion {
  public static final int MAX_BATCH = 1000;

  private final Clock clock;
  private final Tickets tickets;

  public Ingestion(Clock clock, Tickets tickets) {
    this.clock = clock;
    this.tickets = tickets;
  }

  public record Result(JsonArray accepted, JsonArray duplicates, JsonArray rejected, int alertsOpened, int alertsResolved,
      int ticketsOpened) {
    public JsonObject toJson() {
      return new JsonObject().put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejected)
          .put("alertsOpened", alertsOpened).put("alertsResolved", alertsResolved).put("ticketsOpened", ticketsOpened);
    }
  }

  private record AlertRow(long id, String status, String severity, long lastObservedAt) {}

  /** A finding that passed validation, with the JSON stored for it. */
  public record Valid(Finding finding, String body) {}

  /** A delivery checked before it reaches the writer: what may be stored and what was refused (per item, with the field at fault). */
  public record Delivery(List<Valid> findings, List<RunReport> runs, JsonArray rejected) {}

  /** Validates and encodes a delivery; plain CPU work, kept out of the writer's transaction. */
  public static Delivery parse(JsonArray findings, JsonArray runs) {
    if (findings.size() + runs.size() > MAX_BATCH) {
      throw new IllegalArgumentException("at most " + MAX_BATCH + " findings and runs per request, got " + (findings.size() + runs.size()));
    }
    List<Valid> valid = new ArrayList<>(findings.size());
    List<RunReport> reports = new ArrayList<>(runs.size());
    JsonArray rejected = new JsonArray();
    for (int i = 0; i < findings.size(); i++) {
      Object raw = findings.getValue(i);
      try {
        Finding f = Finding.fromJson(raw instanceof JsonObject o ? o : null);
        valid.add(new Valid(f, f.toJson().encode()));
      } catch (InvalidFindingException e) {
        rejected.add(new JsonObject().put("index", i).put("id", idOf(raw)).put("error", "findings[" + i + "]: " + e.getMessage()));
      }
    }
    for (int i = 0; i < runs.size(); i++) {
      Object raw = runs.getValue(i);
      try {
        reports.add(RunReport.fromJson(raw instanceof JsonObject o ? o : null));
      } catch (InvalidFindingException e) {
        rejected.add(new JsonObject().put("index", i).put("id", raw instanceof JsonObject o ? o.getValue("runId") : null)
            .put("error", "runs[" + i + "]: " + e.getMessage()));
      }
    }
    return new Delivery(valid, reports, rejected);
  }

  public Result ingest(Connection c, BoxIdentity box, JsonArray findings, JsonArray runs) throws SQLException {
    return ingest(c, box, parse(findings, runs), null);
  }

  /** {@code boxSentAt}: the box's clock when it sent this delivery, if it said. */
  public Result ingest(Connection c, BoxIdentity box, Delivery d, java.time.Instant boxSentAt) throws SQLException {
    JsonArray accepted = new JsonArray();
    JsonArray duplicates = new JsonArray();
    int opened = 0;
    int resolved = 0;
    int ticketsOpened = 0;
    long now = clock.millis();
    BoxTime time = BoxTime.of(boxSentAt, now);
    try (Jdbc.Statements st = new Jdbc.Statements(c)) {
      for (Valid v : d.findings()) {
        Finding f = v.finding();
        String id = f.id().toString();
        // checked first so the row is written once, already pointing at its alert
        if (st.one("SELECT 1 FROM findings WHERE id = ?", rs -> true, id).isPresent()) {
          duplicates.add(id);
          continue;
        }
        long observed = time.place(f.observedAt());
        Outcome o = foldIntoAlert(st, c, box, f, observed, now);
        st.update("INSERT INTO findings(id, box_id, sme_id, alert_id, fingerprint, check_id, severity, target, observed_at, received_at, body) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, box.boxId(), box.smeId(), o.alertId(), f.fingerprint(), f.check(),
            f.severity().wire(), f.target(), observed, now, v.body());
        accepted.add(id);
        opened += o.alertOpened ? 1 : 0;
        ticketsOpened += o.ticketOpened ? 1 : 0;
      }
    }
    for (RunReport r : d.runs()) {
      int n = Jdbc.update(c, "INSERT INTO runs(id, box_id, sme_id, checks, targets, started_at, finished_at, received_at, fingerprints, resolved) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO NOTHING", r.runId().toString(), box.boxId(), box.smeId(),
          new JsonArray(r.checks()).encode(), new JsonArray(r.targets()).encode(), time.place(r.startedAt()),
          time.place(r.finishedAt()), now, r.fingerprints().size());
      if (n == 0) {
        duplicates.add(r.runId().toString());
        continue;
      }
      accepted.add(r.runId().toString());
      int res = resolveUnseen(c, box, r, time.place(r.finishedAt()), now);
      resolved += res;
      if (res > 0) {
        Jdbc.update(c, "UPDATE runs SET resolved = ? WHERE id = ?", res, r.runId().toString());
      }
    }
    return new Result(accepted, duplicates, d.rejected(), opened, resolved, ticketsOpened);
  }

  private static Object idOf(Object raw) {
    return raw instanceof JsonObject o && o.getValue("id") instanceof String s ? s : null;
  }

  private record Outcome(long alertId, boolean alertOpened, boolean ticketOpened) {}

  private Outcome foldIntoAlert(Jdbc.Statements st, Connection c, BoxIdentity box, Finding f, long observed, long now)
      throws SQLException {
    Optional<AlertRow> existing = st.one("SELECT id, status, severity, last_observed_at FROM alerts WHERE sme_id = ? AND fingerprint = ?",
        rs -> new AlertRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)), box.smeId(), f.fingerprint());
    long alertId;
    boolean opened = false;
    boolean reopened = false;
    String severity = f.severity().wire();
    if (existing.isEmpty()) {
      alertId = st.insert("INSERT INTO alerts(sme_id, fingerprint, check_id, point, severity, target, title_ja, title_en, status, "
              + "occurrences, first_seen_at, last_seen_at, last_observed_at, last_finding_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', 1, ?, ?, ?, ?)",
          box.smeId(), f.fingerprint(), f.check(), f.point(), severity, f.target(), f.title().ja(), f.title().en(), now, now, observed,
          f.id().toString());
      opened = true;
    } else {
      AlertRow a = existing.get();
      alertId = a.id();
      boolean newer = observed >= a.lastObservedAt();
      reopened = a.status().equals("resolved") && newer;
      if (!newer) {
        severity = a.severity();
      }
      st.update("UPDATE alerts SET occurrences = occurrences + 1, last_seen_at = ?, "
              + "last_observed_at = MAX(last_observed_at, ?), severity = ?, title_ja = CASE WHEN ? THEN ? ELSE title_ja END, "
              + "title_en = CASE WHEN ? THEN ? ELSE title_en END, last_finding_id = CASE WHEN ? THEN ? ELSE last_finding_id END, "
              + "status = CASE WHEN ? THEN 'open' ELSE status END, resolved_at = CASE WHEN ? THEN NULL ELSE resolved_at END WHERE id = ?",
          now, observed, severity, newer, f.title().ja(), newer, f.title().en(), newer, f.id().toString(), reopened, reopened, alertId);
    }
    boolean open = opened || reopened || existing.get().status().equals("open");
    boolean ticketOpened = false;
    if (open && Severity.parse(severity).escalates()) {
      Optional<Long> live = tickets.liveTicketForAlert(c, alertId);
      if (live.isEmpty()) {
        tickets.openForAlert(c, box.chamberId(), box.smeId(), alertId, severity, f.title(), Tickets.bilingual(
            "見守りボックスが検出しました: " + f.title().ja() + "（対象: " + f.target() + "）\n対処の目安: " + f.advice().ja(),
            "Detected by the monitoring box: " + f.title().en() + " (target: " + f.target() + ")\nWhat to do: " + f.advice().en()));
        ticketOpened = true;
      } else if (reopened) {
        tickets.systemNote(c, live.get(), Tickets.bilingual("この問題が再び検出されました（" + f.target() + "）。",
            "This problem was detected again (" + f.target() + ")."));
      }
    }
    return new Outcome(alertId, opened, ticketOpened);
  }

  private int resolveUnseen(Connection c, BoxIdentity box, RunReport r, long finished, long now) throws SQLException {
    record Open(long id, String fingerprint, String check, String target, long lastObservedAt, String titleJa, String titleEn) {}
    List<Open> open = Jdbc.list(c, "SELECT id, fingerprint, check_id, target, last_observed_at, title_ja, title_en FROM alerts "
            + "WHERE sme_id = ? AND status = 'open'",
        rs -> new Open(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7)),
        box.smeId());
    List<Open> gone = new ArrayList<>();
    for (Open a : open) {
      if (r.covers(a.check(), a.target()) && !r.fingerprints().contains(a.fingerprint()) && a.lastObservedAt() <= finished) {
        gone.add(a);
      }
    }
    for (Open a : gone) {
      Jdbc.update(c, "UPDATE alerts SET status = 'resolved', resolved_at = ? WHERE id = ?", now, a.id());
      Optional<Long> ticket = tickets.liveTicketForAlert(c, a.id());
      if (ticket.isPresent()) {
        tickets.systemNote(c, ticket.get(), Tickets.bilingual(
            "最新の点検では「" + a.titleJa() + "」は検出されませんでした。対処済みか確認のうえ、チケットを解決にしてください。",
            "The latest check no longer found \"" + a.titleEn() + "\". Confirm it was fixed, then resolve the ticket."));
      }
    }
    return gone.size();
  }
}
