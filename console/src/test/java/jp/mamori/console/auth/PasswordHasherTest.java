package jp.mamori.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void productionCostIsAtLeast600kAndHashesAreSalted() {
    PasswordHasher h = new PasswordHasher();
    String a = h.hash("correct-horse-battery");
    String b = h.hash("correct-horse-battery");
    assertThat(a).startsWith("pbkdf2-sha256$600000$").isNotEqualTo(b);
    assertThat(h.verify("correct-horse-battery", a)).isTrue();
    assertThat(h.verify("correct-horse-batterY", a)).isFalse();
    assertThat(new PasswordHasher(1000).verify("correct-horse-battery", a)).as("cost is read from the stored hash").isTrue();
    assertThat(h.verify("x", "garbage")).isFalse();
    assertThatThrownBy(() -> h.hash("short")).hasMessageContaining("at least 10");
  }
}
