package jp.mamori.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesWithJitterUpToTheCapAndResets() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(7));
    long[] ceilings = {1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000};
    for (long ceiling : ceilings) {
      long wait = b.next().toMillis();
      assertThat(wait).isBetween(ceiling / 2, ceiling);
    }
    b.reset();
    assertThat(b.next().toMillis()).isBetween(500L, 1000L);
  }

  @Test
  void jitterSpreadsBoxesApart() {
    long a = new Backoff(Duration.ofSeconds(60), Duration.ofMinutes(5), new Random(1)).next().toMillis();
    long c = new Backoff(Duration.ofSeconds(60), Duration.ofMinutes(5), new Random(2)).next().toMillis();
    assertThat(a).isNotEqualTo(c);
  }
}
