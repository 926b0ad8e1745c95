package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jp.mamori.checks.web.heldout.BlindCorpus;
import jp.mamori.checks.web.heldout.HeldOutEnv;
import jp.mamori.checks.web.heldout.HeldOutVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patrol against the blind batches ({@link BlindCorpus}): four more base sites (a clinic on Cocoon, a contractor on
 * SWELL, a WooCommerce bakery, a Homepage Builder Shift_JIS office) and variants that were written and measured once
 * before the detectors were changed for them (README "Website patrol" has each batch's first measurement). Baseline
 * patrol of the clean site, the change, then the patrol(s) that must (or must not) raise medium or above.
 */
class PatrolBlindTest {
  static final List<String> BATCHES = List.of("[fresh3]", "[fresh4]", "[fresh5]", "[fresh6]", "[fresh7]");
  /**
   * Compromises of the latest batches that their first measurements missed and no fix has reached yet (README "Website
   * patrol" lists them). They are measured and reported with the rest but kept out of the thresholds; each must still
   * be missed, so a fix that reaches one has to take it off this list.
   */
  static final Set<String> OPEN = Set.of(
      "[fresh5] server 301 for phones on product pages only",
      "[fresh5] home page's Japanese text replaced by Korean, the layout kept");
  @TempDir
  Path tmp;

  HeldOutRunner runner() {
    return new HeldOutRunner(tmp, BlindCorpus.IOC_DOMAINS, BlindCorpus.iocScript());
  }

  /** Every variant's edits apply (an edit whose marker is missing throws): no variant can silently test nothing. */
  @Test
  void everyVariantChangesItsSite() throws Exception {
    List<HeldOutVariant> all = new java.util.ArrayList<>(BlindCorpus.compromises());
    all.addAll(BlindCorpus.benign());
    for (HeldOutVariant v : all) {
      try (HeldOutEnv env = HeldOutEnv.of(v.site())) {
        v.apply().accept(env);
      } catch (RuntimeException e) {
        throw new AssertionError(v + ": " + e.getMessage(), e);
      }
    }
    assertThat(all.stream().map(HeldOutVariant::name).distinct().count()).isEqualTo(all.size());
  }

  @Test
  void cleanBaseSitesAreQuiet() throws Exception {
    runner().assertCleanSitesQuiet(BlindCorpus.SITES);
  }

  @Test
  void raisesBlindCompromisesAndStaysQuietOnEdits() throws Exception {
    HeldOutRunner.Measured m = runner().measure("blind", BlindCorpus.compromises(), BlindCorpus.benign(), BATCHES);
    assertThat(m.bad().stream().filter(o -> OPEN.contains(o.variant().name()) && o.raised()).map(o -> o.variant().name()))
        .as("fixed, take off OPEN").isEmpty();
    assertThat(settled(m).caught()).as(m.report()).isGreaterThanOrEqualTo(0.95);
    assertThat(m.noisy()).as(m.report()).isLessThanOrEqualTo(0.10);
  }

  /** The same compromises already present on the very first patrol: only what the pages give away can count. */
  @Test
  void blindCompromisesWithoutABaseline() throws Exception {
    HeldOutRunner.Measured m = runner().firstRun("blind", BlindCorpus.compromises());
    assertThat(settled(m).caught()).as(m.report()).isGreaterThanOrEqualTo(0.85);
  }

  private static HeldOutRunner.Measured settled(HeldOutRunner.Measured m) {
    return new HeldOutRunner.Measured(m.bad().stream().filter(o -> !OPEN.contains(o.variant().name())).toList(), m.good(),
        m.report());
  }
}
