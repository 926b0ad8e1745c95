package jp.mamori.checks.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jp.mamori.checks.finding.Severity;
import org.junit.jupiter.api.Test;

/** LAN rule data as a box receives it from its console: the bundled copy round-trips, and bad entries refuse the whole set. */
class LanDataRulesTest {
  private static JsonObject bundledJson() {
    return LanData.get().toJson();
  }

  @Test
  void theBundledCopyRoundTripsThroughTheRulesShape() {
    LanData copy = LanData.fromJson(bundledJson());
    assertThat(copy.toJson()).isEqualTo(bundledJson());
    assertThat(copy.ports()).isEqualTo(LanData.get().ports());
    assertThat(copy.credentials("telnet")).isEqualTo(LanData.get().credentials("telnet"));
    assertThat(copy.eol("ssh", "SSH-2.0-OpenSSH_6.0p1 Debian-4+deb7u2").orElseThrow().entry().product()).contains("Debian 7");
    assertThat(copy.vendor("00:11:32:aa:bb:cc")).contains("Synology");
    assertThat(copy.consoleKeywords()).contains("web image monitor", "複合機");
    assertThat(bundledJson().getJsonArray("credentials").getJsonObject(2).getString("password")).as("'-' in the file is an empty password")
        .isEmpty();
  }

  @Test
  void ruleDataReplacesTheBundledTables() {
    JsonObject lan = bundledJson();
    lan.put("ports", new JsonArray().add(new JsonObject().put("proto", "tcp").put("port", 8123).put("hint", "http").put("light", true)));
    lan.put("credentials", new JsonArray().add(new JsonObject().put("service", "http").put("user", "owner").put("password", "")));
    lan.put("eol", new JsonArray().add(new JsonObject().put("kind", "http-server").put("pattern", "NewBox/1\\.").put("product", "NewBox 1")
        .put("eol", "2026-01-31").put("severity", "medium")));
    lan.put("consoleKeywords", new JsonArray().add("Camera Viewer"));
    LanData d = LanData.fromJson(lan);
    assertThat(d.tcpPorts(true)).extracting(LanData.Port::port).containsExactly(8123);
    assertThat(d.credentials("http")).containsExactly(new LanData.Credential("http", "owner", ""));
    assertThat(d.credentials("telnet")).isEmpty();
    assertThat(d.eol("http-server", "NewBox/1.4").orElseThrow().entry().severity()).isEqualTo(Severity.MEDIUM);
    assertThat(d.eol("ssh", "SSH-2.0-OpenSSH_6.0p1 Debian-4+deb7u2")).as("the console's table replaces the bundled one").isEmpty();
    assertThat(d.consoleKeywords()).containsExactly("camera viewer");
    assertThat(Attempts.plan(d, "http", 1)).hasSize(1);
  }

  @Test
  void aSectionTheConsoleDoesNotSendComesFromTheBundledCopy() {
    JsonObject lan = new JsonObject().put("ports", bundledJson().getJsonArray("ports"));
    LanData d = LanData.fromJson(lan);
    assertThat(d.vendor("00:11:32:aa:bb:cc")).contains("Synology");
    assertThat(d.eol("windows", "10.0.19045").orElseThrow().entry().product()).isEqualTo("Windows 10");
    assertThatThrownBy(() -> LanData.fromJson(null)).hasMessageContaining("no 'lan' object");
  }

  @Test
  void aBrokenEolRegexRefusesTheWholeSetAndNamesTheEntry() {
    JsonObject lan = bundledJson();
    lan.getJsonArray("eol").getJsonObject(3).put("pattern", "^6\\.(2");
    String product = lan.getJsonArray("eol").getJsonObject(3).getString("product");
    assertThatThrownBy(() -> LanData.fromJson(lan)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lan.eol[3]").hasMessageContaining(product).hasMessageContaining("not a valid regular expression");
  }

  @Test
  void otherBadEntriesAreRefusedWithTheirPlace() {
    assertRefused("ports", 0, new JsonObject().put("proto", "sctp").put("port", 80).put("hint", "http"), "lan.ports[0]: proto must be tcp or udp");
    assertRefused("ports", 1, new JsonObject().put("proto", "tcp").put("port", 70000).put("hint", "http"), "lan.ports[1]: port must be 1-65535");
    assertRefused("ports", 2, new JsonObject().put("proto", "tcp").put("port", "80").put("hint", "http"), "lan.ports[2]: 'port' must be a whole number");
    assertRefused("credentials", 0, new JsonObject().put("service", "http").put("password", "x"), "lan.credentials[0]: 'user'");
    assertRefused("credentials", 1, "admin admin", "lan.credentials[1] has the wrong type");
    assertRefused("eol", 0, new JsonObject().put("kind", "ssh").put("pattern", "x").put("product", "P").put("eol", "someday").put("severity", "medium"),
        "lan.eol[0] (P): eol must be a date");
    assertRefused("eol", 1, new JsonObject().put("kind", "ssh").put("pattern", "x").put("product", "P").put("severity", "urgent"),
        "lan.eol[1] (P): severity must be one of");
    assertRefused("consoleKeywords", 0, " ", "lan.consoleKeywords[0]: a console keyword must not be empty");
    JsonObject badOui = bundledJson().put("oui", new JsonObject().put("ZZ1122", "Nobody"));
    assertThatThrownBy(() -> LanData.fromJson(badOui)).hasMessageContaining("lan.oui 'ZZ1122': prefix must be 6 hex digits");
    assertThatThrownBy(() -> LanData.fromJson(bundledJson().put("eol", "none"))).hasMessageContaining("lan.eol must be a list");
    assertThatThrownBy(() -> LanData.fromJson(bundledJson().put("oui", new JsonArray()))).hasMessageContaining("lan.oui must be an object");
  }

  private static void assertRefused(String section, int index, Object entry, String message) {
    JsonObject lan = bundledJson();
    lan.getJsonArray(section).getList().set(index, entry);
    assertThatThrownBy(() -> LanData.fromJson(lan)).as(section + "[" + index + "]").isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
