package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IocListTest {
  @TempDir
  Path dir;

  @Test
  void readsTheBareListAndTheConsolesRulesPayload() throws Exception {
    Path bare = Files.writeString(dir.resolve("a.json"), "{\"version\":\"3\",\"domains\":[\"Bad.Example\"],"
        + "\"scriptHashes\":[\"ABC\"]}");
    IocList a = IocList.load(bare);
    assertThat(a.matchesDomain("cdn.bad.example")).isTrue();
    assertThat(a.matchesDomain("notbad.example")).isFalse();
    assertThat(a.scriptSha256()).containsExactly("abc");
    Path payload = Files.writeString(dir.resolve("b.json"), "{\"version\":9,\"data\":{\"iocs\":{\"domains\":[\"c2.example\"],"
        + "\"scriptHashes\":[]}}}");
    IocList b = IocList.load(payload);
    assertThat(b.version()).isEqualTo("9");
    assertThat(b.matchesDomain("c2.example")).isTrue();
    assertThat(IocList.load(dir.resolve("missing.json"))).isEqualTo(IocList.EMPTY);
    Path broken = Files.writeString(dir.resolve("c.json"), "[1,2");
    assertThatThrownBy(() -> IocList.load(broken)).hasMessageContaining("c.json");
  }

  @Test
  void inlineScriptsAreHashedForTheList() {
    String js = "var evil = 1;";
    PageFacts f = new PageAnalyzer(WebRules.get()).analyze(("<script>\n" + js + "\n</script>").getBytes(StandardCharsets.UTF_8),
        URI.create("https://www.example.jp/"), false);
    assertThat(f.inlineScriptHashes()).containsExactly(PageAnalyzer.sha256(js));
  }
}
