package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.checks.web.heldout.HeldOutEnv;
import jp.mamori.checks.web.heldout.HeldOutVariant;
import jp.mamori.checks.web.site.TestCerts;

/**
 * Patrols held-out variants the way {@link PatrolHeldOutTest} and {@link PatrolBlindTest} measure them: a baseline
 * patrol of the clean site, the change, then the patrol(s) that must (or must not) raise medium or above. Each variant
 * has its own server and state directory; the IoC list is the corpus's own.
 */
final class HeldOutRunner {
  /** Variants are independent (own server, own state): two at a time halves the wall time on the 2-core CI box. */
  static final int PARALLEL = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

  /**
   * The medium+ findings a clean base site raises on its own learning patrol (an unknown counter script, say): a
   * variant patrolled from the first run only counts as raised by something beyond those. Keyed by IoC list and site.
   */
  private static final Map<String, Set<String>> CLEAN_FIRST_RUN = new ConcurrentHashMap<>();
  /** What the patrol learned from a clean base site on plain HTTP (state text, port), keyed like the above. */
  private static final Map<String, String[]> BASELINE = new ConcurrentHashMap<>();

  private final Path tmp;
  private final List<String> iocDomains;
  private final String iocScript;

  HeldOutRunner(Path tmp, List<String> iocDomains, String iocScript) {
    this.tmp = tmp;
    this.iocDomains = iocDomains;
    this.iocScript = iocScript;
  }

  static String key(Finding f) {
    return f.check() + "|" + f.title().en();
  }

  record Outcome(HeldOutVariant variant, List<Finding> findings, Set<String> inherent) {
    boolean raised() {
      return findings.stream().anyMatch(f -> f.severity().needsPerson() && !inherent.contains(key(f)));
    }

    String summary() {
      return variant + " -> " + findings.stream().filter(f -> f.severity().compareTo(Severity.LOW) >= 0)
          .map(f -> f.severity().wire() + ":" + f.check()).collect(Collectors.joining(", "));
    }
  }

  static PatrolOptions options(Path iocs) throws Exception {
    return PatrolOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
        .withTrust(List.of(TestCerts.get().caCert)).withIocFile(iocs);
  }

  Path iocs(Path dir) throws Exception {
    Path file = dir.resolve("iocs.json");
    String domains = iocDomains.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(","));
    Files.writeString(file, "{\"version\":12,\"issuedAt\":\"2026-11-20T00:00:00Z\",\"data\":{\"iocs\":{\"domains\":[" + domains
        + "],\"scriptHashes\":[\"" + PageAnalyzer.sha256(iocScript) + "\"]}}}");
    return file;
  }

  Patrol patrol(Path stateDir, HeldOutEnv env) throws Exception {
    return new Patrol(options(iocs(stateDir)), env.resolver, Clock.systemUTC());
  }

  private String cacheKey(String site) {
    return iocDomains + "|" + iocScript.hashCode() + "|" + site;
  }

  private Set<String> cleanFirstRun(String site) throws Exception {
    Set<String> known = CLEAN_FIRST_RUN.get(cacheKey(site));
    if (known == null) {
      Path dir = Files.createTempDirectory(tmp, "clean");
      try (HeldOutEnv env = HeldOutEnv.of(site)) {
        known = patrol(dir, env).run(env.url, dir).run().findings().stream()
            .filter(f -> f.severity().needsPerson()).map(HeldOutRunner::key).collect(Collectors.toSet());
      }
      CLEAN_FIRST_RUN.put(cacheKey(site), known);
    }
    return known;
  }

  /** The learned state of the clean site (state file text and the port it was learned on), learned once per site. */
  private String[] baseline(String site) throws Exception {
    synchronized (BASELINE) {
      String[] known = BASELINE.get(cacheKey(site));
      if (known == null) {
        Path dir = Files.createTempDirectory(tmp, "baseline");
        try (HeldOutEnv env = HeldOutEnv.of(site)) {
          patrol(dir, env).run(env.url, dir);
          known = new String[] {Files.readString(dir.resolve(PatrolState.FILE)), ":" + env.url.getPort() + "/"};
        }
        BASELINE.put(cacheKey(site), known);
      }
      return known;
    }
  }

  /**
   * Baseline (unless the variant is there from the first run), the change, then the variant's patrols. Plain-HTTP
   * variants start from the site's shared baseline, moved to the variant's own server port; HTTPS ones learn their own.
   */
  Outcome patrol(HeldOutVariant v) throws Exception {
    Set<String> inherent = v.firstRun() ? cleanFirstRun(v.site()) : Set.of();
    Path dir = Files.createTempDirectory(tmp, "state");
    try (HeldOutEnv env = HeldOutEnv.of(v.site())) {
      if (v.https()) {
        env.validCertificate();
      }
      Patrol patrol = patrol(dir, env);
      if (!v.firstRun() && !v.https()) {
        String[] base = baseline(v.site());
        Files.writeString(dir.resolve(PatrolState.FILE), base[0].replace(base[1], ":" + env.url.getPort() + "/"));
      } else if (!v.firstRun()) {
        List<Finding> base = patrol.run(env.url, dir).run().findings();
        // a noisy learning run is cleanBaseSitesAreQuiet's to fail; here it must at least not hide the change
        base.stream().filter(f -> f.severity().compareTo(Severity.HIGH) >= 0)
            .forEach(f -> System.out.println("baseline of " + v + " raised " + f.check()));
      }
      v.apply().accept(env);
      List<Finding> last = List.of();
      for (int i = 0; i < v.runs(); i++) {
        last = patrol.run(env.url, dir).run().findings();
      }
      return new Outcome(v, last, inherent);
    }
  }

  /** Patrols every variant (PARALLEL at a time) and returns the outcomes in the variants' order. */
  List<Outcome> patrolAll(List<HeldOutVariant> variants) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (HeldOutVariant v : variants) {
        futures.add(pool.submit(() -> patrol(v)));
      }
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  static String byFamily(List<Outcome> outcomes) {
    Map<String, int[]> fam = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      int[] c = fam.computeIfAbsent(o.variant().family(), k -> new int[2]);
      c[0] += o.raised() ? 1 : 0;
      c[1]++;
    }
    return fam.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
        .collect(Collectors.joining(", "));
  }

  static String summary(List<Finding> findings) {
    return findings.stream().map(f -> f.severity().wire() + ":" + f.check()).collect(Collectors.joining(", "));
  }

  /**
   * Each clean base site, served as it really is (HTTPS where the site uses it): the learning patrol may only ask to
   * confirm unknown third parties (medium), never more, and the next patrol of the unchanged site raises nothing
   * medium or above.
   */
  void assertCleanSitesQuiet(List<String> sites) throws Exception {
    for (String name : sites) {
      Path dir = Files.createTempDirectory(tmp, name);
      try (HeldOutEnv env = HeldOutEnv.of(name)) {
        if (env.site.scheme.equals("https")) {
          env.validCertificate();
        }
        Patrol patrol = patrol(dir, env);
        List<Finding> first = patrol.run(env.url, dir).run().findings();
        List<Finding> second = patrol.run(env.url, dir).run().findings();
        System.out.println("clean " + name + ": first " + summary(first) + "; second " + summary(second));
        assertThat(first).as("learning patrol of %s", name)
            .noneMatch(f -> f.severity().needsPerson() && !f.check().equals("web.third-party"));
        assertThat(second).as("second patrol of %s", name).noneMatch(f -> f.severity().needsPerson());
      }
    }
  }

  /** One measurement: the outcomes, the share of compromises raised and of benign edits raising, and its report. */
  record Measured(List<Outcome> bad, List<Outcome> good, String report) {
    double caught() {
      return (double) bad.stream().filter(Outcome::raised).count() / bad.size();
    }

    double noisy() {
      return (double) good.stream().filter(Outcome::raised).count() / Math.max(1, good.size());
    }
  }

  /** Patrols the compromises and the benign edits and prints the report and every outcome. */
  Measured measure(String name, List<HeldOutVariant> compromises, List<HeldOutVariant> benign, List<String> batches)
      throws Exception {
    List<Outcome> bad = patrolAll(compromises);
    List<Outcome> good = patrolAll(benign);
    String report = report(name, bad, good, batches);
    System.out.println(report);
    bad.forEach(o -> System.out.println("  " + o.summary()));
    good.forEach(o -> System.out.println("  " + o.summary()));
    return new Measured(bad, good, report);
  }

  /** The compromises already present on the very first patrol (no baseline): what the pages alone give away. */
  Measured firstRun(String name, List<HeldOutVariant> compromises) throws Exception {
    List<Outcome> first = patrolAll(compromises.stream().map(HeldOutVariant::fromFirstRun).toList());
    long caught = first.stream().filter(Outcome::raised).count();
    String missed = first.stream().filter(o -> !o.raised()).map(Outcome::summary).collect(Collectors.joining("\n"));
    String report = String.format("%s first run: compromises raised medium+: %d/%d (%.1f%%)%nby family: %s%n%s%n", name,
        caught, first.size(), 100.0 * caught / first.size(), byFamily(first), missed);
    System.out.println(report);
    return new Measured(first, List.of(), report);
  }

  /** The report of one measurement: totals, families, each batch named by its tag, the misses and false alarms. */
  static String report(String name, List<Outcome> bad, List<Outcome> good, List<String> batches) {
    long caught = bad.stream().filter(Outcome::raised).count();
    long noisy = good.stream().filter(Outcome::raised).count();
    StringBuilder report = new StringBuilder();
    report.append(String.format("%s: compromises raised medium+: %d/%d (%.1f%%); benign edits raising medium+: %d/%d "
        + "(%.1f%%)%n", name, caught, bad.size(), 100.0 * caught / bad.size(), noisy, good.size(),
        100.0 * noisy / Math.max(1, good.size())));
    report.append("by family: ").append(byFamily(bad)).append('\n');
    for (String batch : batches) {
      List<Outcome> b = bad.stream().filter(o -> o.variant().name().startsWith(batch)).toList();
      List<Outcome> g = good.stream().filter(o -> o.variant().name().startsWith(batch)).toList();
      report.append(String.format("%s variants: %d/%d raised, %d/%d benign raising%n", batch,
          b.stream().filter(Outcome::raised).count(), b.size(), g.stream().filter(Outcome::raised).count(), g.size()));
    }
    bad.stream().filter(o -> !o.raised()).forEach(o -> report.append("MISSED ").append(o.summary()).append('\n'));
    good.stream().filter(Outcome::raised).forEach(o -> report.append("NOISY  ").append(o.summary()).append('\n'));
    return report.toString();
  }
}
