package jp.mamori.agent.daemon;

import java.time.Duration;
import java.util.Optional;
import jp.mamori.checks.finding.CheckRun;

/**
 * A unit of scheduled checking (one site's patrol, one LAN scan). {@link #run()} blocks and is called on a
 * probe worker thread, never on an event loop; its findings and coverage go to the outbox together.
 */
public interface CheckJob {
  /** Stable name for logs and state, e.g. "patrol https://example.jp/" or "lan 192.168.1.0/24". */
  String name();

  CheckRun run() throws Exception;

  /** Asked after each run: run once more after this delay (an outage seen once is confirmed by a re-check). */
  default Optional<Duration> recheckAfter() {
    return Optional.empty();
  }
}
