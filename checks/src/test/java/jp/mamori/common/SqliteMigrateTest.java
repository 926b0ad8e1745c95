package jp.mamori.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams of work own migration number ranges and land in any order: a lower number added later still runs. */
class SqliteMigrateTest {
  @TempDir Path tmp;

  ClassLoader migrations(String index) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("res/db"));
    Files.writeString(dir.resolve("V001__a.sql"), "CREATE TABLE a (x INTEGER);\n");
    Files.writeString(dir.resolve("V010__b.sql"), "CREATE TABLE b (x INTEGER);\n");
    Files.writeString(dir.resolve("V050__c.sql"), "CREATE TABLE c (x INTEGER);\n");
    Files.writeString(dir.resolve("index.txt"), index);
    return new URLClassLoader(new URL[] {tmp.resolve("res").toUri().toURL()}, null);
  }

  @Test
  void aMigrationNumberedBelowOneAlreadyAppliedStillRuns() throws Exception {
    try (Connection c = Sqlite.open(tmp.resolve("x.db"))) {
      assertThat(Sqlite.migrate(c, migrations("V001__a.sql\nV050__c.sql\n"), "db")).isEqualTo(2);
      assertThat(Sqlite.migrate(c, migrations("V001__a.sql\nV050__c.sql\nV010__b.sql\n"), "db")).isEqualTo(1);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'")).isEqualTo(1);
      assertThat(Sqlite.migrate(c, migrations("V001__a.sql\nV050__c.sql\nV010__b.sql\n"), "db")).isZero();
    }
  }
}
