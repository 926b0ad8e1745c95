package jp.mamori.console.desk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import jp.mamori.common.Database;
import jp.mamori.console.attachments.Attachments;
import jp.mamori.console.audit.Audit;
import jp.mamori.console.auth.SecondFactor;
import jp.mamori.console.audit.AuditRecorder;
import jp.mamori.console.exports.IncidentReports;
import jp.mamori.console.knowledge.CannedAnswers;
import jp.mamori.console.knowledge.Knowledge;
import jp.mamori.console.referrals.Referrals;
import jp.mamori.console.sla.Calendars;
import jp.mamori.console.sla.SlaClock;
import jp.mamori.console.sla.SlaCompliance;
import jp.mamori.console.sla.SlaMonitor;
import jp.mamori.console.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The help desk's plain components, and its two background chores: the SLA scan every minute (events published
 * on the event bus at {@link SlaMonitor#ADDRESS}) and writing the queued audit rows every second.
 */
public final class Desk {
  private static final Logger LOG = LoggerFactory.getLogger(Desk.class);

  private final Clock clock;
  private final SlaClock sla;
  private final SlaMonitor slaMonitor;
  private final SlaCompliance slaCompliance;
  private SlaSink slaSink = (c, e) -> {};
  private final Audit audit;
  private final AuditRecorder auditRecorder;
  private final Attachments attachments;
  private final Knowledge knowledge;
  private final CannedAnswers canned;
  private final Referrals referrals;
  private final IncidentReports incidentReports;
  private final SecondFactor secondFactor;
  private long slaTimer = -1;
  private long auditTimer = -1;
  private Vertx vertx;
  private Database db;

  public Desk(Clock clock, Tickets tickets, Path dataDir) {
    this.clock = clock;
    this.attachments = new Attachments(dataDir.resolve("attachments"));
    this.knowledge = new Knowledge(clock);
    this.canned = new CannedAnswers(clock);
    this.referrals = new Referrals(clock, tickets);
    this.incidentReports = new IncidentReports(clock);
    this.secondFactor = new SecondFactor(clock);
    this.sla = tickets.sla();
    this.audit = tickets.audit();
    this.slaMonitor = new SlaMonitor(clock);
    this.slaCompliance = new SlaCompliance(clock);
    this.auditRecorder = new AuditRecorder(audit, clock);
  }

  public Clock clock() {
    return clock;
  }

  public SlaClock sla() {
    return sla;
  }

  public Calendars calendars() {
    return sla.calendars();
  }

  public SlaMonitor slaMonitor() {
    return slaMonitor;
  }

  public SlaCompliance slaCompliance() {
    return slaCompliance;
  }

  public Audit audit() {
    return audit;
  }

  public AuditRecorder auditRecorder() {
    return auditRecorder;
  }

  public Attachments attachments() {
    return attachments;
  }

  public Knowledge knowledge() {
    return knowledge;
  }

  public CannedAnswers canned() {
    return canned;
  }

  public Referrals referrals() {
    return referrals;
  }

  public IncidentReports incidentReports() {
    return incidentReports;
  }

  public SecondFactor secondFactor() {
    return secondFactor;
  }

  /** Called in the SLA scan's write transaction for each warning or breach, so notices are never lost nor doubled. */
  @FunctionalInterface
  public interface SlaSink {
    void accept(Connection c, SlaMonitor.Event e) throws SQLException;
  }

  public void start(Vertx vertx, Database db, SlaSink sink) {
    this.vertx = vertx;
    this.db = db;
    this.slaSink = sink;
    slaTimer = vertx.setPeriodic(60_000, id -> scanSla());
    auditTimer = vertx.setPeriodic(1_000, id -> auditRecorder.flush(db));
  }

  /** Runs the SLA scan now and publishes its events; the timer calls it every minute. */
  public Future<Integer> scanSla() {
    return db.write(c -> {
      List<SlaMonitor.Event> events = slaMonitor.scan(c);
      for (SlaMonitor.Event e : events) {
        slaSink.accept(c, e);
      }
      return events;
    }).map(events -> {
      events.forEach(e -> vertx.eventBus().publish(SlaMonitor.ADDRESS, e.toJson()));
      return events.size();
    }).onFailure(e -> LOG.error("SLA scan failed", e));
  }

  /** Before the database closes: stop the timers and write the audit rows still queued. */
  public Future<?> stop() {
    if (vertx != null) {
      vertx.cancelTimer(slaTimer);
      vertx.cancelTimer(auditTimer);
    }
    return db == null ? Future.succeededFuture() : flushAll();
  }

  private Future<?> flushAll() {
    return auditRecorder.flush(db).compose(n -> n > 0 ? flushAll() : Future.succeededFuture(), e -> Future.succeededFuture());
  }
}
