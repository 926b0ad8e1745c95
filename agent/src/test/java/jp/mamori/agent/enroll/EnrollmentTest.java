package jp.mamori.agent.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import jp.mamori.agent.config.AgentConfig;
import org.junit.jupiter.api.Test;

class EnrollmentTest {
  private static final JsonObject ANSWER = new JsonObject().put("boxId", "b-1").put("credential", "secret")
      .put("smeName", "山田工務店").put("chamberName", "大阪商工会議所").put("rulesPublicKey", "MCowBQYDK2VwAyEA")
      .put("rulesKeyId", "ed25519:abc").put("sites", new JsonArray().add("https://yamada.example.jp/"));

  @Test
  void pinsTheRulesKeyAndKeepsWhatTheOwnerConfigured() {
    AgentConfig existing = AgentConfig.empty().with(AgentConfig.SITES, "https://own.example.jp/").with("local.port", "80");
    AgentConfig c = Enrollment.apply(existing, URI.create("https://console.example.jp/"), Optional.of(Path.of("ca.pem")), ANSWER);
    assertThat(c.get(AgentConfig.BOX_CREDENTIAL)).contains("secret");
    assertThat(c.get(AgentConfig.RULES_PUBLIC_KEY)).contains("MCowBQYDK2VwAyEA");
    assertThat(c.get(AgentConfig.RULES_KEY_ID)).contains("ed25519:abc");
    assertThat(c.get(AgentConfig.SITES)).contains("https://own.example.jp/");
    assertThat(c.get("local.port")).contains("80");
    assertThat(c.consoleCaFile()).contains(Path.of("ca.pem").toAbsolutePath());
  }

  @Test
  void takesTheConsolesSitesWhenNoneAreConfigured() {
    AgentConfig c = Enrollment.apply(AgentConfig.empty(), URI.create("https://console.example.jp/"), Optional.empty(), ANSWER);
    assertThat(c.list(AgentConfig.SITES)).containsExactly("https://yamada.example.jp/");
    assertThat(c.get(AgentConfig.CONSOLE_CA_FILE)).isEmpty();
  }

  @Test
  void consoleBaseNormalisesAndRefusesClearTextToTheLan() {
    assertThat(Enrollment.consoleBase(" https://console.example.jp// ")).isEqualTo(URI.create("https://console.example.jp/"));
    assertThat(Enrollment.consoleBase("http://127.0.0.1:8080")).isEqualTo(URI.create("http://127.0.0.1:8080/"));
    assertThatThrownBy(() -> Enrollment.consoleBase("http://192.168.1.10:8080")).hasMessageContaining("unencrypted");
  }
}
