package jp.mamori.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoxHealthTest {
  @TempDir Path tmp;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));

  @Test
  void aProblemKeepsItsFirstTimeAndTheDiskFullListenersHearOnce() {
    BoxHealth h = new BoxHealth(clock);
    AtomicInteger full = new AtomicInteger();
    AtomicInteger back = new AtomicInteger();
    h.onDiskFull(p -> full.incrementAndGet());
    h.onDiskBack(back::incrementAndGet);
    Path outbox = tmp.resolve("outbox.db");
    Path state = tmp.resolve("patrol/x/patrol-state.json");
    h.fileWriteFailed(outbox, new IOException("No space left on device"));
    clock.advance(Duration.ofMinutes(5));
    h.fileWriteFailed(outbox, new IOException("No space left on device"));
    h.fileWriteFailed(state, new IOException("No space left on device"));
    h.fileWriteFailed(tmp.resolve("pc-attestations.json"), new IOException("Permission denied"));
    assertThat(full.get()).isEqualTo(1);
    assertThat(h.problems()).extracting(BoxHealth.Problem::code).containsExactly("disk-full", "disk-full", "write-failed");
    assertThat(h.problems().get(0).since()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    assertThat(h.problems().get(0).ja()).contains("いっぱい");
    assertThat(h.toJson().getJsonObject(0).getString("subject")).isEqualTo(outbox.toString());
    h.fileWritten(state);
    assertThat(h.diskFull()).as("a write that works on the released reserve does not end a full disk").isTrue();
    h.fileWritten(tmp.resolve("pc-attestations.json"));
    assertThat(h.problems()).extracting(BoxHealth.Problem::code).containsExactly("disk-full", "disk-full");
    h.diskSpaceBack("free 5 MiB");
    h.diskSpaceBack("free 5 MiB");
    assertThat(h.problems()).isEmpty();
    assertThat(back.get()).isEqualTo(1);
  }

  @Test
  void theReserveIsRealBytesGivenUpOnAFullDiskAndWrittenBackWithRoom() throws Exception {
    BoxHealth h = new BoxHealth(clock);
    DiskReserve r = new DiskReserve(tmp, 256 * 1024, h);
    assertThat(r.ensure()).isTrue();
    assertThat(Files.size(r.file())).isEqualTo(256 * 1024);
    assertThat(Files.readAllBytes(r.file())).containsOnly((byte) 0);
    h.fileWriteFailed(tmp.resolve("outbox.db"), new IOException("No space left on device"));
    assertThat(r.release()).isTrue();
    assertThat(Files.exists(r.file())).isFalse();
    r.check();
    assertThat(h.diskFull()).as("this disk has room: the problem ends").isFalse();
    assertThat(Files.size(r.file())).isEqualTo(256 * 1024);
  }

  @Test
  void theBannerEscapesAndSitsRightAfterTheBody() {
    BoxHealth h = new BoxHealth(clock);
    h.fileWriteFailed(tmp.resolve("<x>.json"), new IOException("Permission denied"));
    String page = HealthBanner.onto("<html><body><h1>t</h1></body></html>", h.problems());
    assertThat(page).startsWith("<html><body><div class=\"box-problems\" role=\"alert\">").contains("&lt;x&gt;.json")
        .doesNotContain("<x>").contains("2026-11-22T00:00:00Z");
    assertThat(HealthBanner.onto("<body>ok</body>", java.util.List.of())).isEqualTo("<body>ok</body>");
  }
}
