package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import jp.mamori.checks.web.heldout.HeldOutCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patrol against a second, independent corpus ({@link HeldOutCorpus}): four base sites unlike the one of
 * {@link PatrolCorpusTest} (WordPress 6.7, an EC-CUBE shop, a Shift_JIS hand-made site, a site-builder page), with
 * compromises modelled on real incidents and the edits owners really make. Baseline patrol of the clean site, the
 * change, then the patrol(s) that must (or must not) raise medium or above.
 */
class PatrolHeldOutTest {
  @TempDir
  Path tmp;

  HeldOutRunner runner() {
    return new HeldOutRunner(tmp, HeldOutCorpus.IOC_DOMAINS, HeldOutCorpus.iocScript());
  }

  @Test
  void cleanBaseSitesAreQuiet() throws Exception {
    runner().assertCleanSitesQuiet(HeldOutCorpus.SITES);
  }

  @Test
  void raisesHeldOutCompromisesAndStaysQuietOnEdits() throws Exception {
    HeldOutRunner.Measured m = runner().measure("held-out", HeldOutCorpus.compromises(), HeldOutCorpus.benign(),
        List.of("[fresh]", "[fresh2]"));
    assertThat(m.caught()).as(m.report()).isGreaterThanOrEqualTo(0.97);
    assertThat(m.noisy()).as(m.report()).isLessThanOrEqualTo(0.05);
  }

  /** The same compromises already present on the very first patrol: only what the pages give away can count. */
  @Test
  void heldOutCompromisesWithoutABaseline() throws Exception {
    HeldOutRunner.Measured m = runner().firstRun("held-out", HeldOutCorpus.compromises());
    assertThat(m.caught()).as(m.report()).isGreaterThanOrEqualTo(0.90);
  }
}
