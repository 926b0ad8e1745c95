package jp.mamori.agent.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrfTest {
  @TempDir Path dir;

  @Test
  void aTokenFitsOnlyItsBrowserAndSurvivesARestart() throws Exception {
    Path file = dir.resolve("local-secret");
    Csrf csrf = Csrf.load(file);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String id = Csrf.newId();
    String token = csrf.token(id);
    assertThat(csrf.valid(id, token)).isTrue();
    assertThat(csrf.valid(Csrf.newId(), token)).as("another browser's id").isFalse();
    assertThat(csrf.valid(id, token.substring(1) + "0")).isFalse();
    assertThat(csrf.valid(id, null)).isFalse();
    assertThat(csrf.valid("../../etc", token)).isFalse();
    assertThat(Csrf.load(file).valid(id, token)).as("same secret after a restart").isTrue();
    Files.writeString(dir.resolve("broken"), "not hex");
    assertThatThrownBy(() -> Csrf.load(dir.resolve("broken"))).hasMessageContaining("broken").hasMessageContaining("64 hex");
  }
}
