package jp.mamori.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Sqlite;
import jp.mamori.console.ConsoleServer;
import jp.mamori.console.auth.PasswordHasher;
import jp.mamori.console.auth.Tokens;

/**
 * Fills a console database the way a year of operation would: chambers, member companies with one box
 * each, advisors, alerts with their findings, tickets with messages. Direct JDBC in large transactions,
 * same schema and same invariants as ingestion (occurrences = findings per alert, one ticket per high alert).
 */
public final class Seeder {
  public static final String PASSWORD = "bench-password-123";
  static final int CHAMBERS = 20;
  static final int ALERTS_PER_SME = 20;

  private Seeder() {}

  public static String credential(int sme) {
    return "mbx1." + boxId(sme) + ".bench-secret-" + sme;
  }

  static String boxId(int sme) {
    return new UUID(0xB0B0L, sme).toString();
  }

  public static String advisorEmail(int chamber) {
    return "advisor" + chamber + "@bench.mamori.jp";
  }

  /**
   * The seeded database for this size, made once under {@code dataDir/seed-<smes>-<findings>/} (seeded in a
   * temporary directory and renamed, so an interrupted seed is never reused).
   */
  static Path template(Path dataDir, int smes, int findings) throws Exception {
    Path dir = dataDir.resolve("seed-" + smes + "-" + findings);
    if (Files.exists(dir.resolve("console.db"))) {
      System.err.println("reusing the seeded data in " + dir);
      return dir.resolve("console.db");
    }
    Path tmp = dataDir.resolve("seed-" + smes + "-" + findings + ".partial");
    deleteTree(tmp);
    seed(tmp, smes, findings);
    Files.move(tmp, dir);
    return dir.resolve("console.db");
  }

  /**
   * A fresh copy of the template for one run, made current: every box heartbeated within the last minute
   * (spread as the load will keep them) and the advisors' accounts are new, so they sign in with the password
   * alone as they may during their first week.
   */
  static void prepareRun(Path template, Path runDir, int smes) throws Exception {
    deleteTree(runDir);
    Files.createDirectories(runDir);
    Files.copy(template, runDir.resolve("console.db"));
    long now = System.currentTimeMillis();
    try (Connection c = Sqlite.open(runDir.resolve("console.db"))) {
      exec(c, "UPDATE boxes SET last_heartbeat_at = ? - (CAST(substr(hostname, 5) AS INTEGER) * 60000 / ?)", now, smes);
      exec(c, "UPDATE users SET created_at = ?", now);
      try (var st = c.createStatement()) {
        st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static void seed(Path dataDir, int smes, int findings) throws Exception {
    Files.createDirectories(dataDir);
    Path db = dataDir.resolve("console.db");
    long t0 = System.nanoTime();
    Random random = new Random(1);
    Instant start = Instant.parse("2025-11-01T00:00:00Z");
    long now = System.currentTimeMillis();
    try (Connection c = Sqlite.open(db)) {
      Sqlite.migrate(c, Seeder.class.getClassLoader(), ConsoleServer.MIGRATIONS);
      try (var st = c.createStatement()) {
        st.execute("PRAGMA synchronous = OFF");
      }
      c.setAutoCommit(false);
      String hash = new PasswordHasher().hash(PASSWORD);
      for (int ch = 1; ch <= CHAMBERS; ch++) {
        exec(c, "INSERT INTO chambers(id, slug, name, created_at) VALUES (?, ?, ?, ?)", ch, "bench-" + ch, "ベンチ商工会議所" + ch, now);
        exec(c, "INSERT INTO users(email, display_name, password_hash, role, created_at) VALUES (?, ?, ?, 'advisor', ?)",
            advisorEmail(ch), "相談員" + ch, hash, now);
        exec(c, "INSERT INTO user_chambers(user_id, chamber_id) SELECT id, ? FROM users WHERE email = ?", ch, advisorEmail(ch));
      }
      try (PreparedStatement sme = c.prepareStatement("INSERT INTO smes(id, chamber_id, name, industry, website, created_at) VALUES (?, ?, ?, ?, ?, ?)");
          PreparedStatement box = c.prepareStatement("INSERT INTO boxes(id, sme_id, hostname, credential_hash, agent_version, enrolled_at, last_heartbeat_at) "
              + "VALUES (?, ?, ?, ?, '0.1.0', ?, ?)")) {
        for (int i = 1; i <= smes; i++) {
          bind(sme, i, 1 + i % CHAMBERS, "会員企業" + i, i % 3 == 0 ? "製造業" : i % 3 == 1 ? "小売業" : "サービス業", "https://sme" + i + ".example.jp/", now);
          sme.addBatch();
          bind(box, boxId(i), i, "box-" + i, Tokens.sha256("bench-secret-" + i), now, now - random.nextInt(600_000));
          box.addBatch();
        }
        sme.executeBatch();
        box.executeBatch();
      }
      c.commit();
      int perSme = Math.max(1, findings / smes);
      int alertsPerSme = Math.min(ALERTS_PER_SME, perSme);
      long alertId = 0;
      long ticketId = 0;
      try (PreparedStatement alert = c.prepareStatement("INSERT INTO alerts(id, sme_id, fingerprint, check_id, point, severity, target, title_ja, title_en, "
              + "status, occurrences, first_seen_at, last_seen_at, last_observed_at, last_finding_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement finding = c.prepareStatement("INSERT INTO findings(id, box_id, sme_id, alert_id, fingerprint, check_id, severity, target, "
              + "observed_at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement ticket = c.prepareStatement("INSERT INTO tickets(id, chamber_id, sme_id, alert_id, source, status, severity, subject, "
              + "created_at, updated_at) VALUES (?, ?, ?, ?, 'box', ?, ?, ?, ?, ?)");
          PreparedStatement message = c.prepareStatement("INSERT INTO ticket_messages(ticket_id, kind, body, created_at) VALUES (?, 'system', ?, ?)")) {
        for (int i = 1; i <= smes; i++) {
          for (int a = 0; a < alertsPerSme; a++) {
            alertId++;
            boolean high = a < 2;
            Severity sev = high ? Severity.HIGH : a % 3 == 0 ? Severity.MEDIUM : Severity.LOW;
            String check = high ? "web.hidden-iframe" : "lan.test-" + a;
            String target = high ? "https://sme" + i + ".example.jp/" : "192.0.2." + (a + 1) + ":23";
            int occurrences = perSme / alertsPerSme + (a < perSme % alertsPerSme ? 1 : 0);
            String fp = null;
            long first = 0;
            long last = 0;
            String lastId = null;
            for (int o = 0; o < occurrences; o++) {
              Instant observed = start.plusSeconds((long) o * 43_200 + random.nextInt(3600));
              Finding f = Finding.builder(check).severity(sev).point(high ? null : 3).target(target).title("ベンチ " + check, "Bench " + check)
                  .advice("確認してください", "Check it").identity("n", Integer.toString(a)).evidence("snippet", "<iframe src=x>")
                  .observedAt(observed).build();
              fp = f.fingerprint();
              bind(finding, f.id().toString(), boxId(i), i, alertId, fp, check, sev.wire(), target, observed.toEpochMilli(),
                  observed.toEpochMilli(), f.toJson().encode());
              finding.addBatch();
              first = first == 0 ? observed.toEpochMilli() : first;
              last = observed.toEpochMilli();
              lastId = f.id().toString();
            }
            String status = high || a % 4 != 0 ? "open" : "resolved";
            bind(alert, alertId, i, fp, check, high ? null : 3, sev.wire(), target, "ベンチ " + check, "Bench " + check, status, occurrences,
                first, last, last, lastId);
            alert.addBatch();
            if (high) {
              ticketId++;
              String tStatus = switch ((int) (ticketId % 6)) {
                case 0 -> "new";
                case 1 -> "open";
                case 2 -> "waiting";
                case 3 -> "referred";
                case 4 -> "resolved";
                default -> "closed";
              };
              bind(ticket, ticketId, 1 + i % CHAMBERS, i, alertId, tStatus, sev.wire(), "ベンチ " + check, first, last);
              ticket.addBatch();
              bind(message, ticketId, new JsonObject().put("ja", "検出しました").put("en", "Detected").encode(), first);
              message.addBatch();
            }
          }
          if (i % 500 == 0) {
            alert.executeBatch();
            finding.executeBatch();
            ticket.executeBatch();
            message.executeBatch();
            c.commit();
            System.err.printf("  seeded %d/%d companies (%d s)%n", i, smes, (System.nanoTime() - t0) / 1_000_000_000);
          }
        }
        alert.executeBatch();
        finding.executeBatch();
        ticket.executeBatch();
        message.executeBatch();
        c.commit();
      }
      c.setAutoCommit(true);
      try (var st = c.createStatement()) {
        st.execute("ANALYZE");
      }
      try (var st = c.createStatement()) {
        st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
    System.err.printf("seeded %d companies, %d findings in %d s%n", smes, findings, (System.nanoTime() - t0) / 1_000_000_000);
  }

  private static void exec(Connection c, String sql, Object... params) throws Exception {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, params);
      p.executeUpdate();
    }
  }

  private static void bind(PreparedStatement p, Object... params) throws Exception {
    jp.mamori.common.Jdbc.bind(p, params);
  }
}
