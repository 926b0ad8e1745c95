package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The CMS support table from a console's verified rule data replaces the bundled one, or is refused as a whole. */
class WebRulesCmsTest {
  @Test
  void theConsolesTableDecidesWhatIsUnsupported() {
    assertThat(Hygiene.cms(WebRules.get(), "wordpress", "6.1").orElseThrow().check()).isEqualTo("web.cms-outdated");
    JsonObject table = WebRules.get().cmsTableJson();
    assertThat(table.containsKey("$comment")).isFalse();
    table.getJsonObject("wordpress").put("latest", "7.1").put("oldestSupported", "6.4");
    WebRules updated = WebRules.get().withCmsTable(table);
    assertThat(Hygiene.cms(updated, "wordpress", "6.1").orElseThrow().check()).isEqualTo("web.cms-unsupported");
    assertThat(Hygiene.cms(updated, "wordpress", "6.8").orElseThrow().check()).isEqualTo("web.cms-outdated");
    assertThat(updated.isKnownPlatform("www.youtube.com")).as("the rest is shared with the bundled rules").isTrue();
    assertThat(Hygiene.cms(WebRules.get(), "wordpress", "6.1").orElseThrow().check()).as("the bundled rules are untouched")
        .isEqualTo("web.cms-outdated");
  }

  @Test
  void aBadRowRefusesTheWholeTable() {
    JsonObject table = WebRules.get().cmsTableJson();
    table.getJsonObject("joomla").put("latest", "five");
    assertThatThrownBy(() -> WebRules.get().withCmsTable(table)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("web.cmsEol 'joomla': latest must be a version like 6.8, got five");
    assertThatThrownBy(() -> WebRules.get().withCmsTable(new JsonObject().put("drupal", "11"))).hasMessageContaining("web.cmsEol 'drupal' must be an object");
    assertThatThrownBy(() -> WebRules.get().withCmsTable(null)).hasMessageContaining("web.cmsEol must be an object");
  }
}
