package jp.mamori.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileWholeWithTheAskedPermissions() throws Exception {
    Path f = dir.resolve("sub/agent.conf");
    AtomicFiles.writeString(f, "a = 1\n", "rw-------");
    AtomicFiles.writeString(f, "a = 2\n", "rw-------");
    assertThat(Files.readString(f)).isEqualTo("a = 2\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    assertThat(Files.list(f.getParent())).containsExactly(f);
  }

  @Test
  void aFailedReplaceKeepsTheOldContentAndLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("state.json");
    Files.createDirectories(target.resolve("in-the-way"));
    assertThatThrownBy(() -> AtomicFiles.writeString(target, "{}")).isInstanceOf(IOException.class);
    assertThat(Files.list(dir)).containsExactly(target);
    assertThat(Files.isDirectory(target.resolve("in-the-way"))).isTrue();
  }

  @Test
  void tellsAFullDiskFromOtherFailures() {
    assertThat(DiskSpace.isFull(new IOException("No space left on device"))).isTrue();
    assertThat(DiskSpace.isFull(new RuntimeException("write failed", new java.nio.file.FileSystemException("/x", null,
        "No space left on device")))).isTrue();
    assertThat(DiskSpace.isFull(new SQLiteException("[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL))).isTrue();
    assertThat(DiskSpace.isFull(new SQLException("x", new SQLiteException("full", SQLiteErrorCode.SQLITE_FULL)))).isTrue();
    assertThat(DiskSpace.isFull(new IOException("Permission denied"))).isFalse();
    assertThat(DiskSpace.isFull(new SQLiteException("[SQLITE_BUSY] locked", SQLiteErrorCode.SQLITE_BUSY))).isFalse();
    assertThat(DiskSpace.describe(dir)).startsWith("free ").contains(" of ").contains(dir.toString());
    assertThat(DiskSpace.bytes(3 * 1024 * 1024 + 512 * 1024)).isEqualTo("3.5 MiB");
  }
}
