package jp.mamori.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  @TempDir Path tmp;

  @Test
  void savesPrivatelyAndKeepsUnknownKeysAndUnicode() throws Exception {
    Path file = tmp.resolve("etc/agent.conf");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# owner notes\ncustom.key = kept\nsme.name = さくら製作所\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    AgentConfig cfg = AgentConfig.load(file).with(AgentConfig.BOX_CREDENTIAL, "mbx1.x.secret").with(AgentConfig.SITES, "https://a.example/, https://b.example/");
    cfg.save(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    AgentConfig back = AgentConfig.load(file);
    assertThat(back.get("custom.key")).contains("kept");
    assertThat(back.get(AgentConfig.SME_NAME)).contains("さくら製作所");
    assertThat(back.list(AgentConfig.SITES)).containsExactly("https://a.example/", "https://b.example/");
    assertThat(back.patrolTimes()).containsExactly(LocalTime.of(6, 0), LocalTime.of(18, 0));
    assertThat(Files.list(file.getParent())).hasSize(1);
  }

  @Test
  void badValuesNameTheKey() {
    AgentConfig cfg = AgentConfig.empty().with(AgentConfig.PATROL_TIMES, "6am").with(AgentConfig.HEARTBEAT_SECONDS, "often");
    assertThatThrownBy(cfg::patrolTimes).hasMessageContaining("patrol.times").hasMessageContaining("6am");
    assertThatThrownBy(cfg::heartbeat).hasMessageContaining("heartbeat.seconds");
    assertThatThrownBy(() -> AgentConfig.load(tmp.resolve("none.conf"))).hasMessageContaining("enroll");
  }
}
