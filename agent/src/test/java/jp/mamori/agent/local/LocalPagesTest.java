package jp.mamori.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import jp.mamori.agent.health.BoxProblem;
import jp.mamori.agent.lan.ScopeProposal;
import org.junit.jupiter.api.Test;

class LocalPagesTest {
  static final String HOSTILE = "<script>alert(1)</script>\"'&";
  static final ZoneId JST = ZoneId.of("Asia/Tokyo");

  static JsonObject text(String ja, String en) {
    return new JsonObject().put("ja", ja).put("en", en);
  }

  @Test
  void bothLanguagesHaveEveryText() {
    Set<String> ja = ResourceBundle.getBundle(LocalText.BUNDLE, java.util.Locale.JAPANESE).keySet();
    Set<String> en = LocalText.bundle("en").keySet();
    assertThat(ja).isEqualTo(en).hasSizeGreaterThan(80);
    assertThat(LocalText.t("ja", "consult.sent", 1234L)).contains("1234");
  }

  @Test
  void everyValueIsEscapedAndNoScriptOrStyleIsInline() {
    LocalPages p = new LocalPages("ja", "tok\"en", JST);
    JsonObject status = new JsonObject().put("points", new JsonArray().add(new JsonObject().put("point", 1).put("light", "red")
        .put("name", text(HOSTILE, "x")).put("reasonText", text(HOSTILE, "x")).put("advice", text(HOSTILE, "x"))
        .put("alerts", new JsonArray().add(new JsonObject().put("title", text(HOSTILE, "x")).put("target", HOSTILE).put("advice", text(HOSTILE, "x"))))))
        .put("website", new JsonObject().put("url", HOSTILE).put("light", "bogus\" onclick=\"x").put("reason", "ok"));
    JsonObject advisories = new JsonObject().put("advisories", new JsonArray().add(new JsonObject().put("id", 7).put("severity", HOSTILE)
        .put("title", text(HOSTILE, "t")).put("body", text(HOSTILE, "b")).put("publishedAt", "2026-11-20T01:00:00Z").put("acknowledged", false)));
    String home = p.home(new LocalPages.Home(HOSTILE, HOSTILE, List.of(new BoxProblem("disk-full", HOSTILE, HOSTILE, null)),
        new LocalPages.Cached(status, Instant.parse("2026-11-22T03:00:00Z"), true),
        new LocalPages.Cached(advisories, Instant.parse("2026-11-22T03:00:00Z"), false), Map.of(),
        List.of(new LocalPages.JobLine("patrol " + HOSTILE, false, Instant.parse("2026-11-22T03:00:00Z"), 2, HOSTILE, null)),
        new LocalPages.ScopeState(null, null, null, null, null)));
    String setup = p.setup(HOSTILE, HOSTILE, "error.console.other", HOSTILE);
    String consult = p.consultForm(new LocalPages.Consultation(HOSTILE, HOSTILE, HOSTILE, HOSTILE), HOSTILE, List.of());
    for (String page : List.of(home, setup, consult)) {
      assertThat(page).doesNotContain("<script>alert").doesNotContain("style=").doesNotContain("onclick=\"x")
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
      assertThat(page.split("<script", -1)).hasSize(2);
      assertThat(page).contains("<script src=\"/static/local.js\" defer></script>");
    }
    assertThat(home).contains("name=\"csrf\" value=\"tok&quot;en\"").contains("class=\"light light-red\"").contains("light-grey")
        .contains("2026/11/22 12:00 時点").contains("つながらない");
    assertThat(setup).contains("name=\"csrf\"");
    assertThat(consult).contains("name=\"csrf\"").contains("<textarea id=\"body\"");
  }

  @Test
  void theScopePageShowsTheProposalAndWhoDecided() throws Exception {
    LocalPages p = new LocalPages("ja", "t", JST);
    ScopeProposal.Proposal proposal = ScopeProposal.propose(List.of(new ScopeProposal.Address("eth0",
        java.net.InetAddress.getByName("192.168.1.23"), 24, true))).orElseThrow();
    String open = p.scope(proposal, new LocalPages.ScopeState(null, null, null, null, null), "", null);
    assertThat(open).contains("192.168.1.0/24").contains("value=\"accept\"").contains("value=\"decline\"").contains("最大 256 台分");
    String agreed = p.scope(proposal, new LocalPages.ScopeState("192.168.1.0/24", "2026-11-22T03:00:00Z", "山田", null, null), "", null);
    assertThat(agreed).contains("山田 さんが同意しました").doesNotContain("value=\"accept\"").contains("同意を取り消す");
    String none = new LocalPages("en", "t", JST).scope(null, new LocalPages.ScopeState(null, null, null, null, null), "", null);
    assertThat(none).contains("no office network (private) address").doesNotContain("value=\"accept\"");
  }

  @Test
  void theEnglishSwitchKeepsThePage() {
    assertThat(new LocalPages("ja", "t", JST).consultForm(null, null, Collections.emptyList())).contains("href=\"/consult?lang=en\"")
        .contains("<html lang=\"ja\">");
    assertThat(new LocalPages("en", "t", JST).setupClosed()).contains("href=\"/setup?lang=ja\"").contains("Already registered");
  }

  @Test
  void onlyTheBoxsOwnNamesAndAddressesMayBeUsed() {
    Set<String> names = Set.of("mamori.local", "localhost");
    assertThat(LocalServerVerticle.allowedHost("mamori.local", names)).isTrue();
    assertThat(LocalServerVerticle.allowedHost("MAMORI.LOCAL.", names)).isTrue();
    assertThat(LocalServerVerticle.allowedHost("192.168.1.23", names)).isTrue();
    assertThat(LocalServerVerticle.allowedHost("[fd00::2]", names)).isTrue();
    assertThat(LocalServerVerticle.allowedHost("evil.example", names)).isFalse();
    assertThat(LocalServerVerticle.allowedHost("mamori.local.evil.example", names)).isFalse();
    assertThat(LocalServerVerticle.allowedHost(null, names)).isFalse();
  }
}
