package jp.mamori.console.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import jp.mamori.common.Database;
import jp.mamori.common.Jdbc;
import jp.mamori.console.boxes.Boxes;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.tickets.Tickets;

/**
 * Prometheus text at /metrics. Counters count events since start; gauges are read from the database when
 * scraped, so they are right after a restart.
 */
public final class ConsoleMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong boxesOnline = new AtomicLong();
  private final AtomicLong boxesEnrolled = new AtomicLong();
  private final AtomicLong alertsOpen = new AtomicLong();
  private final AtomicLong ticketsOpen = new AtomicLong();
  private final AtomicLong findingsStored = new AtomicLong();
  private final AtomicLong dbWrites = new AtomicLong();
  private final AtomicLong dbCommits = new AtomicLong();
  private final Counter findingsReceived;
  private final Counter findingsDuplicate;
  private final Counter findingsRejected;
  private final Counter heartbeats;

  public ConsoleMetrics() {
    Gauge.builder("mamori.boxes.online", boxesOnline, AtomicLong::get)
        .description("Boxes that sent a heartbeat within the last 5 intervals").register(registry);
    Gauge.builder("mamori.boxes.enrolled", boxesEnrolled, AtomicLong::get).description("Boxes enrolled and not revoked").register(registry);
    Gauge.builder("mamori.alerts.open", alertsOpen, AtomicLong::get).description("Open alerts").register(registry);
    Gauge.builder("mamori.tickets.open", ticketsOpen, AtomicLong::get).description("Tickets not resolved or closed").register(registry);
    Gauge.builder("mamori.findings.stored", findingsStored, AtomicLong::get).description("Distinct findings held").register(registry);
    findingsReceived = Counter.builder("mamori.findings.received").description("New findings accepted").register(registry);
    findingsDuplicate = Counter.builder("mamori.findings.duplicate").description("Findings received again (idempotent resend)").register(registry);
    findingsRejected = Counter.builder("mamori.findings.rejected").description("Findings refused as malformed").register(registry);
    heartbeats = Counter.builder("mamori.heartbeats").description("Heartbeats received").register(registry);
    // writes / commits = how many writes the writer's group commit folds into one transaction
    FunctionCounter.builder("mamori.db.writes", dbWrites, AtomicLong::get).description("Database writes committed").register(registry);
    FunctionCounter.builder("mamori.db.commits", dbCommits, AtomicLong::get).description("Database write transactions committed").register(registry);
  }

  public void received(int accepted, int duplicates, int rejected) {
    findingsReceived.increment(accepted);
    findingsDuplicate.increment(duplicates);
    findingsRejected.increment(rejected);
  }

  public void heartbeat() {
    heartbeats.increment();
  }

  public Future<String> scrape(Database db, Boxes boxes, Alerts alerts, Tickets tickets) {
    dbWrites.set(db.writes());
    dbCommits.set(db.commits());
    return db.read((Connection c) -> {
      boxesOnline.set(boxes.countOnline(c));
      boxesEnrolled.set(Jdbc.count(c, "SELECT COUNT(*) FROM boxes WHERE revoked_at IS NULL"));
      alertsOpen.set(alerts.countOpen(c));
      ticketsOpen.set(tickets.countLive(c));
      findingsStored.set(Jdbc.count(c, "SELECT COUNT(*) FROM findings"));
      return registry.scrape();
    });
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
