package jp.mamori.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small, explicit JDBC helpers: positional parameters, a row mapper, no magic. */
public final class Jdbc {
  private Jdbc() {}

  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, params);
      try (ResultSet rs = p.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    }
  }

  public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, params);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
      }
    }
  }

  public static long count(Connection c, String sql, Object... params) throws SQLException {
    return one(c, sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, params);
      return p.executeUpdate();
    }
  }

  /** Runs an INSERT and returns the new row id. */
  public static long insert(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, params);
      if (p.executeUpdate() == 0) {
        throw new SQLException("no row inserted by: " + sql);
      }
    }
    return lastRowId(c);
  }

  private static final String LAST_ROW_ID = "SELECT last_insert_rowid()";

  /** The row id of the connection's latest INSERT. */
  public static long lastRowId(Connection c) throws SQLException {
    return one(c, LAST_ROW_ID, rs -> rs.getLong(1)).orElseThrow();
  }

  public static void bind(PreparedStatement p, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object v = params[i];
      if (v == null) {
        p.setNull(i + 1, Types.NULL);
      } else if (v instanceof Enum<?> e) {
        p.setString(i + 1, e.name().toLowerCase());
      } else {
        p.setObject(i + 1, v);
      }
    }
  }

  /** Reads a nullable INTEGER column. */
  public static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * Prepared statements kept for one unit of work that runs the same few statements many times (a batch of
   * findings), so each is prepared once; closing closes them all.
   */
  public static final class Statements implements AutoCloseable {
    private final Connection c;
    private final java.util.Map<String, PreparedStatement> prepared = new java.util.HashMap<>();

    public Statements(Connection c) {
      this.c = c;
    }

    private PreparedStatement bound(String sql, Object... params) throws SQLException {
      PreparedStatement p = prepared.get(sql);
      if (p == null) {
        p = c.prepareStatement(sql);
        prepared.put(sql, p);
      }
      bind(p, params);
      return p;
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... params) throws SQLException {
      try (ResultSet rs = bound(sql, params).executeQuery()) {
        return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
      }
    }

    public int update(String sql, Object... params) throws SQLException {
      return bound(sql, params).executeUpdate();
    }

    public long insert(String sql, Object... params) throws SQLException {
      if (update(sql, params) == 0) {
        throw new SQLException("no row inserted by: " + sql);
      }
      return one(LAST_ROW_ID, rs -> rs.getLong(1)).orElseThrow();
    }

    @Override
    public void close() throws SQLException {
      SQLException first = null;
      for (PreparedStatement p : prepared.values()) {
        try {
          p.close();
        } catch (SQLException e) {
          first = first == null ? e : first;
        }
      }
      prepared.clear();
      if (first != null) {
        throw first;
      }
    }
  }

  /** "?, ?, ?" for an IN clause of n values. */
  public static String marks(int n) {
    return n == 0 ? "NULL" : String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
