package jp.mamori.checks.web.heldout;

import java.util.function.Consumer;

/**
 * One change to a held-out base site: a compromise (must raise medium or above) or a benign edit (must not), with
 * the family it belongs to for the report. {@code runs} patrols follow the change; {@code firstRun} variants are
 * present from the very first patrol; {@code https} ones are served over HTTPS.
 */
public record HeldOutVariant(String site, String family, String name, boolean compromise, int runs, boolean firstRun,
    boolean https, Consumer<HeldOutEnv> apply) {

  public static HeldOutVariant bad(String site, String family, String name, Consumer<HeldOutEnv> apply) {
    return new HeldOutVariant(site, family, name, true, 1, false, false, apply);
  }

  public static HeldOutVariant good(String site, String family, String name, Consumer<HeldOutEnv> apply) {
    return new HeldOutVariant(site, family, name, false, 1, false, false, apply);
  }

  public HeldOutVariant runs(int n) {
    return new HeldOutVariant(site, family, name, compromise, n, firstRun, https, apply);
  }

  public HeldOutVariant fromFirstRun() {
    return new HeldOutVariant(site, family, name, compromise, runs, true, https, apply);
  }

  /**
   * Served over HTTPS with a valid certificate from the baseline on (TLS variants). The other variants use plain
   * HTTP: the JDK's test HTTPS server stalls ~40 ms per 8 KiB written, which would make the corpus slow.
   */
  public HeldOutVariant overHttps() {
    return new HeldOutVariant(site, family, name, compromise, runs, firstRun, true, apply);
  }

  @Override
  public String toString() {
    return (compromise ? "compromise " : "benign ") + site + "/" + family + ": " + name;
  }
}
