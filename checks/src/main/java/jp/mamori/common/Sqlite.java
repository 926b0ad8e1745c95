package jp.mamori.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Opens SQLite files the one way Mamori uses them: WAL, full fsync on commit, foreign keys on. */
public final class Sqlite {
  /** How long a statement waits for a lock another connection holds. */
  public static final int BUSY_TIMEOUT_MS = 10_000;

  private Sqlite() {}

  public static Connection open(Path file) throws SQLException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new SQLException("cannot create directory for database " + file + ": " + e.getMessage(), e);
    }
    Connection c = config(false).createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      s.execute("PRAGMA journal_mode = WAL");
      // FULL: an acknowledged commit survives power loss, not only a process crash
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA foreign_keys = ON");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** A connection for reading only (WAL lets it run beside the writer). */
  public static Connection openReader(Path file) throws SQLException {
    org.sqlite.SQLiteConfig config = config(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  private static org.sqlite.SQLiteConfig config(boolean readOnly) {
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setReadOnly(readOnly);
    // the driver would match every update's SQL against a pattern and prepare a second query after each
    // INSERT; Jdbc.insert asks for the row id itself
    config.setGetGeneratedKeys(false);
    return config;
  }

  /** Sets the connection's page cache (SQLite's default is 2 MiB), for databases much bigger than that. */
  public static void cacheSize(Connection c, int mib) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA cache_size = -" + (mib * 1024L));
    }
  }

  /**
   * Applies the numbered migrations listed in {@code <dir>/index.txt} that this file has not seen yet,
   * each in its own transaction, and records them in {@code schema_version}.
   */
  public static int migrate(Connection c, ClassLoader loader, String dir) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    }
    // by version, not by the highest one: streams of work own number ranges and land in any order
    java.util.Set<Integer> done = new java.util.HashSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
      while (rs.next()) {
        done.add(rs.getInt(1));
      }
    }
    int applied = 0;
    boolean auto = c.getAutoCommit();
    for (String name : resource(loader, dir + "/index.txt").split("\n")) {
      name = name.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      int version = versionOf(name);
      if (done.contains(version)) {
        continue;
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String sql : statements(resource(loader, dir + "/" + name))) {
          s.execute(sql);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, datetime('now'))")) {
          p.setInt(1, version);
          p.setString(2, name);
          p.executeUpdate();
        }
        c.commit();
        applied++;
      } catch (SQLException e) {
        c.rollback();
        throw new SQLException("migration " + name + " failed: " + e.getMessage(), e);
      } finally {
        c.setAutoCommit(auto);
      }
    }
    return applied;
  }

  static int versionOf(String name) {
    if (!name.matches("V\\d+__[A-Za-z0-9_]+\\.sql")) {
      throw new IllegalStateException("migration file " + name + " must be named V<number>__<name>.sql");
    }
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }

  /** Splits a script on statement-ending semicolons, keeping trigger bodies (BEGIN ... END;) whole. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inTrigger = false;
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      String upper = trimmed.toUpperCase();
      if (upper.startsWith("CREATE TRIGGER")) {
        inTrigger = true;
      }
      if (trimmed.endsWith(";") && (!inTrigger || upper.equals("END;"))) {
        out.add(current.toString().strip());
        current.setLength(0);
        inTrigger = false;
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  private static String resource(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
