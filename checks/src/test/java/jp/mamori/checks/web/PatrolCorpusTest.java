package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.checks.web.site.Corpus;
import jp.mamori.checks.web.site.Env;
import jp.mamori.checks.web.site.TestSite;
import jp.mamori.checks.web.site.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patrol against the company website's compromised and benign variants, served by a loopback test server:
 * a baseline patrol of the clean site, the change, then the patrol(s) that must (or must not) raise medium+.
 */
class PatrolCorpusTest {
  static TestSite server;
  @TempDir
  Path tmp;

  @BeforeAll
  static void start() throws Exception {
    server = TestSite.http();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static PatrolOptions options(Path iocs) {
    return PatrolOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
        .withIocFile(iocs);
  }

  record Outcome(Variant variant, List<Finding> findings) {
    Severity worst() {
      return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.INFO);
    }

    boolean raised() {
      return worst().needsPerson();
    }

    String summary() {
      return variant + " -> " + findings.stream().filter(f -> f.severity().compareTo(Severity.LOW) >= 0)
          .map(f -> f.severity().wire() + ":" + f.check()).collect(Collectors.joining(", "));
    }
  }

  Outcome patrol(Variant v) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "state");
    Path iocs = dir.resolve("iocs.json");
    Files.writeString(iocs, "{\"version\":7,\"issuedAt\":\"2026-11-20T00:00:00Z\",\"data\":{\"iocs\":{\"domains\":"
        + "[\"known-bad-c2.example\"],\"scriptHashes\":[]}}}");
    try (Env env = new Env(server)) {
      Patrol patrol = new Patrol(options(iocs), env.resolver, Clock.systemUTC());
      if (!v.firstRun()) {
        Patrol.Result base = patrol.run(env.url, dir);
        assertThat(base.run().findings()).as("baseline of %s", v).noneMatch(f -> f.severity().needsPerson());
      }
      v.apply().accept(env);
      List<Finding> last = List.of();
      for (int i = 0; i < v.runs(); i++) {
        last = patrol.run(env.url, dir).run().findings();
      }
      return new Outcome(v, last);
    }
  }

  @Test
  void raisesCompromisesAndStaysQuietOnEdits() throws Exception {
    List<Outcome> bad = new ArrayList<>();
    for (Variant v : Corpus.compromises()) {
      bad.add(patrol(v));
    }
    List<Outcome> good = new ArrayList<>();
    for (Variant v : Corpus.benign()) {
      good.add(patrol(v));
    }
    long caught = bad.stream().filter(Outcome::raised).count();
    long noisy = good.stream().filter(Outcome::raised).count();
    StringBuilder report = new StringBuilder();
    report.append(String.format("compromises raised medium+: %d/%d (%.1f%%); benign edits raising medium+: %d/%d (%.1f%%)%n",
        caught, bad.size(), 100.0 * caught / bad.size(), noisy, good.size(), 100.0 * noisy / good.size()));
    bad.stream().filter(o -> !o.raised()).forEach(o -> report.append("MISSED ").append(o.summary()).append('\n'));
    good.stream().filter(Outcome::raised).forEach(o -> report.append("NOISY  ").append(o.summary()).append('\n'));
    System.out.println(report);
    bad.forEach(o -> System.out.println("  " + o.summary()));
    good.forEach(o -> System.out.println("  " + o.summary()));
    assertThat((double) caught / bad.size()).as(report.toString()).isGreaterThanOrEqualTo(0.95);
    assertThat((double) noisy / good.size()).as(report.toString()).isLessThanOrEqualTo(0.10);
  }

  /**
   * The same compromises present from the very first patrol, with no clean baseline to compare with: only
   * what the page itself gives away counts here (new-origin checks cannot fire), so the bar is lower.
   */
  @Test
  void mostCompromisesAreRaisedEvenWithoutABaseline() throws Exception {
    List<Outcome> first = new ArrayList<>();
    for (Variant v : Corpus.compromises()) {
      first.add(patrol(v.firstRun() ? v : v.fromFirstRun()));
    }
    long caught = first.stream().filter(Outcome::raised).count();
    String missed = first.stream().filter(o -> !o.raised()).map(Outcome::summary).collect(Collectors.joining("\n"));
    System.out.printf("first-run: compromises raised medium+: %d/%d (%.1f%%)%n%s%n", caught, first.size(),
        100.0 * caught / first.size(), missed);
    assertThat((double) caught / first.size()).as(missed).isGreaterThanOrEqualTo(0.85);
  }
}
