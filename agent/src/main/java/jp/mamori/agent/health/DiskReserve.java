package jp.mamori.agent.health;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.mamori.checks.finding.CheckCatalog;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.RunReport;
import jp.mamori.common.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few megabytes of the data directory held back in a file of real (not sparse) bytes. On a full disk even
 * SQLite's deletes need room in its write-ahead log, so the first full write releases this file: the room
 * it leaves lets the outbox drop low/info findings and keep writing medium+ ones. When the disk has room
 * again the file is written back and the disk-full problem ends. Blocking: call from a worker thread.
 */
public final class DiskReserve {
  private static final Logger LOG = LoggerFactory.getLogger(DiskReserve.class);
  public static final String FILE = ".mamori-reserve";
  static final long MIB = 1024 * 1024;

  private final Path file;
  private final long bytes;
  private final BoxHealth health;

  public DiskReserve(Path dataDir, long bytes, BoxHealth health) {
    this.file = dataDir.resolve(FILE);
    this.bytes = bytes;
    this.health = health;
  }

  public Path file() {
    return file;
  }

  /** Free space needed before the disk counts as having room again: the reserve plus as much again (at least 1 MiB). */
  long roomNeeded() {
    return bytes + Math.max(bytes, MIB);
  }

  /** Writes the reserve if it is missing and there is room for it; false when it could not be made now. */
  public synchronized boolean ensure() {
    if (bytes <= 0 || (Files.isRegularFile(file) && sizeOk())) {
      return true;
    }
    long usable = DiskSpace.usable(file.getParent());
    if (usable >= 0 && usable < roomNeeded()) {
      return false;
    }
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING))) {
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        for (long written = 0; written < bytes; ) {
          zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - written));
          written += ch.write(zeros);
        }
        ch.force(true);
      }
      return true;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the disk is what it is; the next check tries again
      }
      return false;
    }
  }

  private boolean sizeOk() {
    try {
      return Files.size(file) >= bytes;
    } catch (IOException e) {
      return false;
    }
  }

  /** Gives the reserve's room to the writes that need it now; true if there was a reserve to give. */
  public synchronized boolean release() {
    try {
      boolean had = Files.deleteIfExists(file);
      if (had) {
        LOG.warn("released the {} disk reserve {} so the outbox can keep medium+ findings ({})", DiskSpace.bytes(bytes), file,
            DiskSpace.describe(file.getParent()));
      }
      return had;
    } catch (IOException e) {
      return false;
    }
  }

  public static final String CHECK = "box.disk-full";

  /** The desk's alert that the box's disk is full (medium: a person should look); resolved by {@link #spaceBack}. */
  public static Finding diskFull(String boxId, BoxHealth.Problem problem, Clock clock) {
    return CheckCatalog.get().finding(CHECK).target(boxId).identity("box", boxId).evidence("detail", problem.detail())
        .evidence("since", problem.since().toString()).observedAt(clock).build();
  }

  /** The run report that resolves that alert: the box looked at its disk and it is no longer full. */
  public static RunReport spaceBack(String boxId, Clock clock) {
    Instant now = clock.instant();
    return new RunReport(UUID.randomUUID(), List.of(CHECK), List.of(boxId), now, now, Set.of());
  }

  /** Periodic: while the disk is marked full, ends that once there is room again (and the reserve is back). */
  public void check() {
    if (!health.diskFull()) {
      ensure();
      return;
    }
    long usable = DiskSpace.usable(file.getParent());
    if (usable >= roomNeeded() && ensure()) {
      health.diskSpaceBack(DiskSpace.describe(file.getParent()));
    }
  }
}
