package jp.mamori.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebianVersionTest {
  /** Each pair: the first sorts before the second. */
  static final List<String[]> ORDERED = List.of(
      new String[] {"0.1.0", "0.2.0"},
      new String[] {"0.9.0", "0.10.0"},
      new String[] {"0.1.0", "0.1.0.1"},
      new String[] {"1.0~rc1", "1.0"},
      new String[] {"1.0~~", "1.0~"},
      new String[] {"1.0", "1.0+b1"},
      new String[] {"1.0", "1.0a"},
      new String[] {"1.0a", "1.0+"},
      new String[] {"1.0", "1.0-1"},
      new String[] {"1.0-1", "1.0-2"},
      new String[] {"1.0-9", "1.0-10"},
      new String[] {"1.0-1", "1.0.1-1"},
      new String[] {"2.0", "1:0.1"},
      new String[] {"1:2.0", "2:0.1"},
      new String[] {"1.2-3-4", "1.2-3-5"},
      new String[] {"0.1.0", "0.1.00000000000000000000000000000001"},
      new String[] {"1.0-1~bpo1", "1.0-1"});

  @Test
  void ordersAsDpkgDoes() throws Exception {
    boolean dpkg = Files.isExecutable(Path.of("/usr/bin/dpkg"));
    for (String[] p : ORDERED) {
      DebianVersion a = DebianVersion.parse(p[0]);
      DebianVersion b = DebianVersion.parse(p[1]);
      assertThat(a.compareTo(b)).as(p[0] + " < " + p[1]).isNegative();
      assertThat(b.compareTo(a)).as(p[1] + " > " + p[0]).isPositive();
      assertThat(DebianVersion.newer(p[1], p[0])).isTrue();
      assertThat(DebianVersion.newer(p[0], p[1])).isFalse();
      if (dpkg) {
        // the reference implementation agrees
        Process pr = new ProcessBuilder("dpkg", "--compare-versions", p[0], "lt", p[1]).start();
        assertThat(pr.waitFor()).as("dpkg --compare-versions " + p[0] + " lt " + p[1]).isZero();
      }
    }
  }

  @Test
  void equalVersionsAreNotNewer() {
    assertThat(DebianVersion.parse("0:1.0-0").compareTo(DebianVersion.parse("1.0"))).isZero();
    assertThat(DebianVersion.parse("1.00").compareTo(DebianVersion.parse("1.0"))).isZero();
    assertThat(DebianVersion.newer("0.1.0", "0.1.0")).isFalse();
    assertThat(DebianVersion.parse("2:1.0-3").toString()).isEqualTo("2:1.0-3");
  }

  @Test
  void refusesWhatDpkgWouldRefuseNamingTheInput() {
    for (String bad : List.of("", "dev", "v1.0", "1.0 beta", "x:1.0", "1.0-", "1.0-a_b", "1:", "1.0;rm")) {
      assertThatThrownBy(() -> DebianVersion.parse(bad)).as("'" + bad + "'").isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> DebianVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
