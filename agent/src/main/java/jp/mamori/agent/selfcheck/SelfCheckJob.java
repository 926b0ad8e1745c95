package jp.mamori.agent.selfcheck;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import jp.mamori.agent.daemon.CheckJob;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;

/** Sends the findings of every PC's latest self-check; run after each new self-check and daily. */
public final class SelfCheckJob implements CheckJob {
  public static final String NAME = "pc self-check";
  private final AttestationStore store;
  private final Clock clock;

  public SelfCheckJob(AttestationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Whether a stored self-check is not older than the start of the last run that was written (null: none was). */
  public boolean unsentSince(Instant sent) throws IOException {
    for (Attestation a : store.all()) {
      if (sent == null || !a.at().isBefore(sent)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public CheckRun run() throws Exception {
    Instant started = clock.instant();
    List<Finding> findings = new ArrayList<>();
    LinkedHashSet<String> targets = new LinkedHashSet<>();
    for (Attestation a : store.all()) {
      findings.addAll(SelfCheck.evaluate(a, clock));
      targets.add(a.ip());
    }
    if (targets.isEmpty()) {
      targets.add("pc-self-check");
    }
    return new CheckRun(UUID.randomUUID(), List.of("pc."), new ArrayList<>(targets), started, clock.instant(), findings);
  }
}
