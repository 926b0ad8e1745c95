package jp.mamori.agent.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mamori.checks.lan.LanData;
import jp.mamori.checks.web.IocList;
import jp.mamori.checks.web.WebRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The box's rule data in use and on disk: stored only verified, re-verified at start, old data kept on any refusal. */
class RulesTest {
  @TempDir Path data;
  final Signer console = new Signer("ed25519:0011223344556677");

  Rules rules() throws Exception {
    Rules r = new Rules(console.verifier(), new RulesStore(data));
    r.load();
    return r;
  }

  static JsonObject withPort(JsonObject payload, int port) {
    payload.getJsonObject("data").getJsonObject("lan").getJsonArray("ports")
        .add(new JsonObject().put("proto", "tcp").put("port", port).put("hint", "http").put("light", true));
    return payload;
  }

  @Test
  void verifiedDataIsStoredUsedAndWrittenForThePatrol() throws Exception {
    Rules rules = rules();
    assertThat(rules.version()).isNull();
    assertThat(rules.lanData()).as("nothing verified yet: the bundled copy").isSameAs(LanData.get());
    assertThat(rules.error()).isNull();

    assertThat(rules.accept(console.sign(withPort(Signer.payload(3, "skimmer.example"), 8123)))).isEqualTo(Rules.Outcome.INSTALLED);
    assertThat(rules.version()).isEqualTo(3);
    assertThat(rules.lanData()).isNotSameAs(LanData.get());
    assertThat(rules.lanData().tcpPorts(true)).extracting(LanData.Port::port).contains(8123);
    assertThat(rules.webRules()).isNotSameAs(WebRules.get());
    assertThat(rules.statusJson()).isEqualTo(new JsonObject().put("rulesVersion", 3L).put("rulesIssuedAt", "2026-11-20T00:00:00Z")
        .putNull("rulesError"));

    Path signed = data.resolve("rules/signed.json");
    assertThat(new JsonObject(Files.readString(signed)).getString("signature")).isNotBlank();
    assertThat(Files.readString(data.resolve("rules/lowest-version")).strip()).isEqualTo("3");
    IocList iocs = IocList.load(data.resolve("iocs.json"));
    assertThat(iocs.domains()).containsExactly("skimmer.example");
    assertThat(iocs.version()).isEqualTo("3");
    assertThat(rules.accept(console.sign(Signer.payload(3, "skimmer.example")))).isEqualTo(Rules.Outcome.UNCHANGED);
    try (var files = Files.list(data.resolve("rules"))) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left").containsExactlyInAnyOrder("signed.json", "lowest-version");
    }

    Rules restarted = rules();
    assertThat(restarted.version()).as("re-verified from disk at start").isEqualTo(3);
    assertThat(restarted.lanData().tcpPorts(true)).extracting(LanData.Port::port).contains(8123);
    assertThat(restarted.error()).isNull();
  }

  @Test
  void refusalsKeepTheDataInUse() throws Exception {
    Rules rules = rules();
    rules.accept(console.sign(withPort(Signer.payload(5, "skimmer.example"), 8123)));
    LanData inUse = rules.lanData();

    assertThatThrownBy(() -> rules.accept(console.sign(Signer.payload(4)))).isInstanceOf(RulesException.class)
        .hasMessageContaining("refusing rule data version 4");
    assertThat(rules.error()).contains("refusing rule data version 4");
    JsonObject broken = Signer.payload(6);
    broken.getJsonObject("data").getJsonObject("lan").getJsonArray("eol").getJsonObject(0).put("pattern", "(unclosed");
    assertThatThrownBy(() -> rules.accept(console.sign(broken))).hasMessageContaining("lan.eol[0]");
    JsonObject tampered = new JsonObject(console.sign(Signer.payload(6)));
    tampered.put("payload", tampered.getString("payload").replace("\"version\":6", "\"version\":60"));
    assertThatThrownBy(() -> rules.accept(tampered.encode())).hasMessageContaining("does not verify");

    assertThat(rules.version()).isEqualTo(5);
    assertThat(rules.lanData()).isSameAs(inUse);
    assertThat(IocList.load(data.resolve("iocs.json")).domains()).containsExactly("skimmer.example");
    assertThat(new JsonObject(new JsonObject(Files.readString(data.resolve("rules/signed.json"))).getString("payload")).getLong("version"))
        .isEqualTo(5);
    assertThat(rules.statusJson().getString("rulesError")).contains("does not verify");

    rules.accept(console.sign(Signer.payload(6)));
    assertThat(rules.error()).as("the next good version clears the error").isNull();
  }

  @Test
  void dataDamagedOnDiskIsNotUsedAndOlderRulesStayRefused() throws Exception {
    rules().accept(console.sign(Signer.payload(5, "skimmer.example")));
    Path signed = data.resolve("rules/signed.json");
    Files.writeString(signed, Files.readString(signed).replace("skimmer.example", "harmless.example"), StandardCharsets.UTF_8);

    Rules restarted = rules();
    assertThat(restarted.version()).isNull();
    assertThat(restarted.lanData()).isSameAs(LanData.get());
    assertThat(restarted.error()).contains("does not verify").contains("using the bundled data");
    assertThat(data.resolve("iocs.json")).as("no IoC list without verified data behind it").doesNotExist();

    assertThatThrownBy(() -> restarted.accept(console.sign(Signer.payload(4)))).as("the floor survives the damaged file")
        .hasMessageContaining("already used version 5");
    assertThat(restarted.accept(console.sign(Signer.payload(5, "skimmer.example")))).isEqualTo(Rules.Outcome.INSTALLED);
    assertThat(restarted.error()).isNull();
    assertThat(IocList.load(data.resolve("iocs.json")).domains()).containsExactly("skimmer.example");
  }

  @Test
  void aBoxWithoutAPinnedKeyKeepsItsBundledDataAndSaysWhy() throws Exception {
    Files.writeString(data.resolve("iocs.json"), "{\"domains\":[\"planted.example\"]}");
    Rules rules = new Rules(new RulesVerifier(null, null), new RulesStore(data));
    rules.load();
    assertThat(rules.canUpdate()).isFalse();
    assertThat(rules.error()).contains("no console signing key is pinned").contains("enroll it again");
    assertThat(data.resolve("iocs.json")).as("an unsigned list is never used").doesNotExist();
    assertThatThrownBy(() -> rules.accept(console.sign(Signer.payload(1)))).hasMessageContaining("enroll it again");
    assertThat(rules.lanData()).isSameAs(LanData.get());
    assertThat(rules.version()).isNull();
  }
}
