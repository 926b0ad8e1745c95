package jp.mamori.checks.lan;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.mamori.checks.finding.CheckCatalog;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;

/** What every probe of one scan shares: pacing, timeouts, the clock, where findings and inventory go. */
public final class LanContext {
  private final Pace pace;
  private final Clock clock;
  private final Duration timeout;
  private final boolean tryLogins;
  private final LanData data;
  private final Inventory inventory = new Inventory();
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final Set<Target> unfinished = new LinkedHashSet<>();

  public LanContext(Pace pace, Clock clock, Duration timeout, boolean tryLogins, LanData data) {
    this.data = data;
    this.pace = pace;
    this.clock = clock;
    this.timeout = timeout;
    this.tryLogins = tryLogins;
  }

  public Pace pace() {
    return pace;
  }

  public Clock clock() {
    return clock;
  }

  /** Per-probe timeout for connects and answers. */
  public Duration timeout() {
    return timeout;
  }

  public boolean tryLogins() {
    return tryLogins;
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }

  public Inventory inventory() {
    return inventory;
  }

  /** The rule data of this scan: the console's verified copy on a box that has one, else the bundled one. */
  public LanData data() {
    return data;
  }

  /** A catalogue finding for {@code target} ("host" or "host:port") with the {host} placeholder filled. */
  public Finding.Builder finding(String check, String target, String host) {
    return CheckCatalog.get().finding(check).target(target).observedAt(clock).arg("host", host);
  }

  public Finding.Builder finding(String check, Target t) {
    return finding(check, t.text(), t.hostText());
  }

  public void add(Finding.Builder b) {
    Finding f = b.build();
    synchronized (findings) {
      findings.add(f);
    }
  }

  public void add(Finding.Builder b, Severity severity) {
    add(b.severity(severity));
  }

  public void error(String message) {
    synchronized (errors) {
      errors.add(message);
    }
  }

  /**
   * A check that could not come to a conclusion on {@code t} (refused, cut off, timed out): the run does not claim
   * the target, so what earlier runs found there stays open instead of being resolved by silence.
   */
  public void unfinished(Target t, String message) {
    error(message);
    synchronized (unfinished) {
      unfinished.add(t);
    }
  }

  public Set<Target> unfinished() {
    synchronized (unfinished) {
      return Set.copyOf(unfinished);
    }
  }

  public List<Finding> findings() {
    synchronized (findings) {
      return List.copyOf(findings);
    }
  }

  public List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }
}
