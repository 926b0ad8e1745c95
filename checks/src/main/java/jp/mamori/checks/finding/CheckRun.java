package jp.mamori.checks.finding;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The result of one run of a check suite: its findings and what it covered. */
public record CheckRun(UUID runId, List<String> checks, List<String> targets, Instant startedAt, Instant finishedAt,
    List<Finding> findings) {

  public CheckRun {
    checks = List.copyOf(checks);
    targets = List.copyOf(targets);
    findings = List.copyOf(findings);
  }

  public RunReport report() {
    Set<String> fingerprints = new LinkedHashSet<>();
    for (Finding f : findings) {
      fingerprints.add(f.fingerprint());
    }
    return new RunReport(runId, checks, targets, startedAt, finishedAt, fingerprints);
  }
}
