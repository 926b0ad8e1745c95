package jp.mamori.console.portal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import jp.mamori.common.Database;
import jp.mamori.common.Jdbc;
import jp.mamori.console.advisories.Advisories;
import jp.mamori.console.chamber.MonthlyReports;
import jp.mamori.console.chamber.OfflineMonitor;
import jp.mamori.console.chamber.ReportScheduler;
import jp.mamori.console.ingest.Ingestion;
import jp.mamori.console.notify.Events;
import jp.mamori.console.notify.Mailer;
import jp.mamori.console.notify.NotifyConfig;
import jp.mamori.console.notify.Webhooks;
import jp.mamori.console.rules.Iocs;
import jp.mamori.console.rules.RulesFeed;
import jp.mamori.console.rules.RulesKeys;
import jp.mamori.console.tenancy.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal and chamber side's components (one field of {@code Services}), and their periodic jobs: the
 * offline check and event scan every minute, e-mail and webhook delivery every few seconds, the report
 * scheduler every ten minutes. Every job is idempotent, so ticks may overlap a restart without harm.
 */
public final class PortalServices {
  private static final Logger LOG = LoggerFactory.getLogger(PortalServices.class);

  public final Clock clock;
  public final RulesKeys rulesKeys;
  public final Iocs iocs;
  public final RulesFeed rules;
  public final Advisories advisories;
  public final Scorecard scorecard;
  public final SelfCheck selfCheck;
  public final SecurityAction securityAction;
  public final MonthlyReports reports;
  public final ReportScheduler reportScheduler;
  public final OfflineMonitor offlineMonitor;
  public final Mailer mailer;
  public final Events events;
  public final Webhooks webhooks;
  public final WorkerExecutor pdfExecutor;
  private final List<Long> timers = new ArrayList<>();
  private Vertx vertx;

  private PortalServices(Vertx vertx, Clock clock, RulesKeys keys, NotifyConfig config, Ingestion ingestion) {
    this.vertx = vertx;
    this.clock = clock;
    this.rulesKeys = keys;
    this.iocs = new Iocs(clock);
    this.rules = new RulesFeed(clock, iocs, keys);
    this.advisories = new Advisories(clock);
    this.scorecard = new Scorecard(clock);
    this.selfCheck = new SelfCheck(clock);
    this.securityAction = new SecurityAction(clock);
    this.reports = new MonthlyReports(clock, scorecard, selfCheck);
    this.mailer = new Mailer(vertx, clock, config);
    this.events = new Events(clock);
    this.webhooks = new Webhooks(vertx, clock);
    this.reportScheduler = new ReportScheduler(clock, scorecard, mailer);
    this.offlineMonitor = new OfflineMonitor(clock, ingestion, events, mailer);
    this.pdfExecutor = vertx.createSharedWorkerExecutor("mamori-pdf", 1, 2, TimeUnit.MINUTES);
  }

  /** Blocking (reads or creates the signing key and reads console.properties): call from a worker. */
  public static PortalServices create(Vertx vertx, Clock clock, Path dataDir, Ingestion ingestion) throws IOException {
    return new PortalServices(vertx, clock, RulesKeys.loadOrCreate(dataDir), NotifyConfig.load(dataDir), ingestion);
  }

  /** The monthly report PDF of a company, rendered on the PDF worker (never on an event loop). */
  public Future<Buffer> reportPdf(Database db, Tenants tenants, long smeId, java.time.YearMonth month, String lang) {
    return db.read(c -> reports.build(c, tenants.sme(c, smeId).orElseThrow(() -> new IllegalArgumentException("no company " + smeId)), month))
        .compose(r -> pdfExecutor.executeBlocking(() -> Buffer.buffer(MonthlyReports.pdf(r, lang)), false));
  }

  public void start(Vertx vertx, Database db, Tenants tenants) {
    this.vertx = vertx;
    mailer.attachmentSource((kind, ref) -> {
      if (!kind.equals("report-pdf")) {
        return Future.failedFuture(new IllegalArgumentException("unknown attachment " + kind));
      }
      String[] parts = ref.split(":");
      java.time.YearMonth month = MonthlyReports.parseMonth(parts[1]);
      return reportPdf(db, tenants, Long.parseLong(parts[0]), month, "ja")
          .map(pdf -> new Mailer.Attachment("mamori-report-" + month + ".pdf", "application/pdf", pdf));
    });
    every(60_000, "offline check", () -> db.write(offlineMonitor::check));
    every(15_000, "event scan", () -> db.write(events::scan));
    every(5_000, "e-mail delivery", () -> mailer.deliver(db));
    every(5_000, "webhook delivery", () -> webhooks.deliver(db));
    every(600_000, "monthly reports", () -> reports(db));
    vertx.setTimer(2_000, id -> reports(db).onFailure(e -> LOG.warn("monthly reports failed: {}", e.toString())));
  }

  /**
   * Scorecards one chamber at a time: at 10,000 companies all at once held a reader (and a burst of memory) for
   * seconds every ten minutes; a chamber of 500 takes about a tenth of a second.
   */
  Future<ReportScheduler.Outcome> reports(Database db) {
    Map<Long, Scorecard.Card> cards = new TreeMap<>();
    return db.read(c -> Jdbc.list(c, "SELECT id FROM chambers ORDER BY id", rs -> rs.getLong(1))).compose(chambers -> {
      Future<Void> all = Future.succeededFuture();
      for (long chamber : chambers) {
        all = all.compose(v -> db.read(c -> scorecard.forChamber(c, chamber)).map(some -> {
          cards.putAll(some);
          return null;
        }));
      }
      return all;
    }).compose(v -> db.write(c -> reportScheduler.tick(c, cards)));
  }

  private void every(long ms, String what, java.util.function.Supplier<Future<?>> job) {
    boolean[] running = {false};
    timers.add(vertx.setPeriodic(ms, id -> {
      if (running[0]) {
        return;
      }
      running[0] = true;
      job.get().onComplete(ar -> {
        running[0] = false;
        if (ar.failed()) {
          LOG.warn("{} failed: {}", what, ar.cause().toString());
        }
      });
    }));
  }

  public Future<Void> stop() {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    return Future.all(mailer.close(), webhooks.close(), pdfExecutor.close()).mapEmpty();
  }
}
