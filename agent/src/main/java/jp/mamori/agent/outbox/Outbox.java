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

  private final Clock clock;

  public Outbox(Clock clock) {
    this.clock = clock;
  }

  /** A run's findings first, then its coverage report, so the console never resolves what it has not yet seen. */
  public int add(Connection c, CheckRun run) throws SQLException {
    int added = 0;
    try (PreparedStatement p = insert(c)) {
      for (Finding f : run.findings()) {
        added += bind(p, Kind.FINDING, f.id().toString(), f.severity().ordinal(), f.toJson().encode());
      }
      RunReport report = run.report();
      added += bind(p, Kind.RUN, report.runId().toString(), -1, report.toJson().encode());
    }
    return added;
  }

  public int add(Connection c, Collection<Finding> findings) throws SQLException {
    int added = 0;
    try (PreparedStatement p = insert(c)) {
      for (Finding f : findings) {
        added += bind(p, Kind.FINDING, f.id().toString(), f.severity().ordinal(), f.toJson().encode());
      }
    }
    return added;
  }

  private static PreparedStatement insert(Connection c) throws SQLException {
    return c.prepareStatement(
        "INSERT INTO outbox(kind, item_id, severity, body, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(item_id) DO NOTHING");
  }

  private int bind(PreparedStatement p, Kind kind, String id, int severity, String body) throws SQLException {
    p.setString(1, kind.name().toLowerCase());
    p.setString(2, id);
    p.setInt(3, severity);
    p.setString(4, body);
    p.setString(5, clock.instant().toString());
    return p.executeUpdate();
  }

  /** The oldest items, in the order they were written. */
  public List<Item> next(Connection c, int limit) throws SQLException {
    List<Item> items = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT seq, kind, item_id, body FROM outbox ORDER BY seq LIMIT ?")) {
      p.setInt(1, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          items.add(new Item(rs.getLong(1), Kind.valueOf(rs.getString(2).toUpperCase()), rs.getString(3),
              new JsonObject(rs.getString(4))));
        }
      }
    }
    return items;
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
