package jp.mamori.agent.outbox;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.RunReport;

/**
 * The on-disk queue between the checks and the console (plain JDBC; callers run it on the database's
 * writer thread, inside its transaction). An item leaves only when the console has acknowledged it.
 */
public final class Outbox {
  public static final String MIGRATIONS = "jp/mamori/agent/db";

  public enum Kind { FINDING, RUN }

  public record Item(long seq, Kind kind, String itemId, JsonObject body) {}

  /** What the outbox holds: items and the bytes of their JSON (kept by triggers, so reading it is free). */
  public record Stats(long items, long bytes) {}

  private final Clock clock;

  public Outbox(Clock clock) {
    this.clock = clock;
  }

  /** A run's findings first, then its coverage report, so the console never resolves what it has not yet seen. */
  public int add(Connection c, CheckRun run) throws SQLException {
    int added = 0;
    try (PreparedStatement p = insert(c)) {
      for (Finding f : run.findings()) {
        added += bind(p, f, false);
      }
      added += bind(p, run.report());
    }
    return added;
  }

  public int add(Connection c, Collection<Finding> findings) throws SQLException {
    int added = 0;
    try (PreparedStatement p = insert(c)) {
      for (Finding f : findings) {
        added += bind(p, f, false);
      }
    }
    return added;
  }

  /** A note from the box about itself (data it had to drop): sent first and never dropped, whatever its severity. */
  public int addNotice(Connection c, Finding notice) throws SQLException {
    try (PreparedStatement p = insert(c)) {
      return bind(p, notice, true);
    }
  }

  public int add(Connection c, RunReport report) throws SQLException {
    try (PreparedStatement p = insert(c)) {
      return bind(p, report);
    }
  }

  /** Medium and above: a person should look, so they go first and are never dropped to make room. */
  public static boolean priority(Finding f) {
    return f.severity().needsPerson();
  }

  private static PreparedStatement insert(Connection c) throws SQLException {
    return c.prepareStatement("INSERT INTO outbox(kind, item_id, severity, body, created_at, priority) VALUES (?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT(item_id) DO NOTHING");
  }

  private int bind(PreparedStatement p, Finding f, boolean notice) throws SQLException {
    return bind(p, Kind.FINDING, f.id().toString(), f.severity().ordinal(), f.toJson().encode(), notice || priority(f));
  }

  private int bind(PreparedStatement p, RunReport r) throws SQLException {
    return bind(p, Kind.RUN, r.runId().toString(), -1, r.toJson().encode(), false);
  }

  private int bind(PreparedStatement p, Kind kind, String id, int severity, String body, boolean priority) throws SQLException {
    p.setString(1, kind.name().toLowerCase());
    p.setString(2, id);
    p.setInt(3, severity);
    p.setString(4, body);
    p.setString(5, clock.instant().toString());
    p.setInt(6, priority ? 1 : 0);
    return p.executeUpdate();
  }

  /**
   * The next items to send: priority items (medium+ findings, notices) oldest first, then the rest oldest
   * first. Run reports never overtake the low/info findings queued before them, so the console never
   * resolves an alert whose last sighting is still on its way; a medium+ finding that overtakes a run report
   * was observed after that run finished, and the console keeps its alert open for that reason.
   */
  public List<Item> next(Connection c, int limit) throws SQLException {
    List<Item> items = new ArrayList<>();
    select(c, "SELECT seq, kind, item_id, body FROM outbox WHERE priority = 1 ORDER BY seq LIMIT ?", limit, items);
    if (items.size() < limit) {
      select(c, "SELECT seq, kind, item_id, body FROM outbox WHERE priority = 0 ORDER BY seq LIMIT ?", limit - items.size(), items);
    }
    return items;
  }

  private static void select(Connection c, String sql, int limit, List<Item> into) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setInt(1, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          into.add(new Item(rs.getLong(1), Kind.valueOf(rs.getString(2).toUpperCase()), rs.getString(3),
              new JsonObject(rs.getString(4))));
        }
      }
    }
  }

  public Stats stats(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT items, bytes FROM outbox_stats WHERE id = 1")) {
      return rs.next() ? new Stats(rs.getLong(1), rs.getLong(2)) : new Stats(0, 0);
    }
  }

  public int acknowledge(Connection c, Collection<Long> seqs) throws SQLException {
    int n = 0;
    try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
      for (long seq : seqs) {
        p.setLong(1, seq);
        n += p.executeUpdate();
      }
    }
    return n;
  }

  /** Moves an item the console refused as malformed out of the queue, keeping it for inspection. */
  public void reject(Connection c, long seq, String error) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT OR REPLACE INTO dead_letter(seq, kind, item_id, body, error, failed_at) "
            + "SELECT seq, kind, item_id, body, ?, ? FROM outbox WHERE seq = ?")) {
      p.setString(1, error);
      p.setString(2, clock.instant().toString());
      p.setLong(3, seq);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
      p.setLong(1, seq);
      p.executeUpdate();
    }
  }

  public void countAttempt(Connection c, Collection<Long> seqs) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?")) {
      for (long seq : seqs) {
        p.setLong(1, seq);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  public long depth(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  public long deadLetters(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dead_letter")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  public Optional<String> state(Connection c, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT value FROM agent_state WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  public void putState(Connection c, String key, String value) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO agent_state(key, value, updated_at) VALUES (?, ?, ?) "
            + "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")) {
      p.setString(1, key);
      p.setString(2, value);
      p.setString(3, clock.instant().toString());
      p.executeUpdate();
    }
  }
}
