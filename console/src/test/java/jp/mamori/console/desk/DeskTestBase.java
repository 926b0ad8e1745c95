package jp.mamori.console.desk;

import java.nio.file.Path;
import java.time.Instant;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh two-chamber console per test on a clock the test moves. */
abstract class DeskTestBase {
  @TempDir Path tmp;
  final MutableClock clock = new MutableClock(start());
  DeskFixture f;

  /** When the test's world begins (a Wednesday in business hours unless a test needs otherwise). */
  Instant start() {
    return Instant.parse("2026-06-10T01:00:00Z");
  }

  @BeforeEach
  void startConsole() throws Exception {
    f = new DeskFixture(tmp, clock);
  }

  @AfterEach
  void stopConsole() throws Exception {
    f.close();
  }
}
