package jp.mamori.agent.lan;

import static jp.mamori.agent.lan.Lab.expect;
import static jp.mamori.agent.lan.Lab.findings;
import static jp.mamori.agent.lan.Lab.mediumPlusOn;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The red-team lab (bench/lan-lab2.sh): other Debian daemons and other misconfigurations than LanLabIT's,
 * written to find what the probes miss. Every planted weakness at medium or above with its IPA point, every
 * correctly configured host quiet at medium and above. Root only, like LanLabIT.
 */
class LanLab2IT {
  static Lab lab;

  @BeforeAll
  static void startLab() throws Exception {
    lab = Lab.start("lan-lab2.sh", "mamori-lab2-it-", "LanLab2IT");
  }

  @AfterAll
  static void stopLab() throws Exception {
    if (lab != null) {
      lab.stop();
    }
  }

  @Test
  void everyPlantedWeaknessWithItsPointAndTheCleanHostsQuiet() throws Exception {
    Path inventory = lab.dir.resolve("inventory.json");
    JsonArray a = findings(lab.scan("--scope", "127.0.0.0/27", "--json", "--inventory", inventory.toString()));

    JsonObject hidden = expect(a, "lan.smb-guest-share", "127.0.0.2:445", 4);
    assertThat(hidden.getJsonObject("evidence").getBoolean("read")).isTrue();
    assertThat(hidden.getJsonObject("evidence").getBoolean("write")).as("a read-only guest share").isFalse();
    assertThat(hidden.getJsonObject("evidence").getBoolean("listed")).as("restrict anonymous hides the list").isFalse();
    assertThat(a.encode()).as("SMB1 is off on 127.0.0.2").doesNotContain("\"lan.smb1\"");

    expect(a, "lan.smb-dialect", "127.0.0.3:445", 1);
    JsonObject rw = expect(a, "lan.smb-guest-share", "127.0.0.3:445", 4);
    assertThat(rw.getJsonObject("evidence").getBoolean("write")).isTrue();

    expect(a, "lan.ftp-anonymous", "127.0.0.5:21", 4);
    expect(a, "lan.default-login", "127.0.0.6:21", 3);
    expect(a, "lan.telnet-open", "127.0.0.7:23", 3);
    assertThat(expect(a, "lan.default-login", "127.0.0.7:23", 3).getJsonObject("evidence").getString("user")).isEqualTo("admin");
    expect(a, "lan.telnet-open", "127.0.0.7:2323", 3);
    assertThat(expect(a, "lan.default-login", "127.0.0.7:2323", 3).getJsonObject("evidence").getString("password")).isEqualTo("(empty)");
    JsonObject snmp = expect(a, "lan.snmp-community", "127.0.0.8:161", 3);
    assertThat(snmp.getJsonObject("evidence").getString("community")).isEqualTo("private");
    assertThat(snmp.getJsonObject("evidence").getString("version")).isEqualTo("v1");

    assertThat(expect(a, "lan.default-login", "127.0.0.10:80", 3).getJsonObject("evidence").getString("url")).endsWith("/admin/");
    expect(a, "lan.eol-software", "127.0.0.11:8000", 1);
    assertThat(expect(a, "lan.default-login", "127.0.0.11:8000", 3).getJsonObject("evidence").getString("auth")).isEqualTo("digest");
    assertThat(expect(a, "lan.default-login", "127.0.0.12:80", 3).getJsonObject("evidence").getString("auth")).isEqualTo("form");
    expect(a, "lan.console-open", "127.0.0.13:9000", 4);
    expect(a, "lan.tls-legacy", "127.0.0.14:443", 1);
    expect(a, "lan.no-auth", "127.0.0.15:8883", 3);
    expect(a, "lan.no-auth", "127.0.0.16:6380", 3);
    expect(a, "lan.no-auth", "127.0.0.18:5901", 3);
    expect(a, "lan.console-open", "127.0.0.21:8443", 4);

    java.util.Set<String> mediumPlus = new java.util.TreeSet<>();
    for (int i = 0; i < a.size(); i++) {
      JsonObject f = a.getJsonObject(i);
      if (!List.of("info", "low").contains(f.getString("severity"))) {
        mediumPlus.add(f.getString("check") + " " + f.getString("target"));
      }
    }
    assertThat(mediumPlus).as("nothing at medium or above beyond what was planted").containsExactlyInAnyOrder(
        "lan.smb-guest-share 127.0.0.2:445", "lan.smb-dialect 127.0.0.3:445", "lan.smb-guest-share 127.0.0.3:445",
        "lan.ftp-anonymous 127.0.0.5:21", "lan.default-login 127.0.0.6:21", "lan.telnet-open 127.0.0.7:23",
        "lan.default-login 127.0.0.7:23", "lan.telnet-open 127.0.0.7:2323", "lan.default-login 127.0.0.7:2323",
        "lan.snmp-community 127.0.0.8:161", "lan.default-login 127.0.0.10:80", "lan.eol-software 127.0.0.11:8000",
        "lan.default-login 127.0.0.11:8000", "lan.default-login 127.0.0.12:80", "lan.console-open 127.0.0.13:9000",
        "lan.tls-legacy 127.0.0.14:443", "lan.no-auth 127.0.0.15:8883", "lan.no-auth 127.0.0.16:6380",
        "lan.no-auth 127.0.0.18:5901", "lan.console-open 127.0.0.21:8443");
    for (String clean : new String[] {"127.0.0.4", "127.0.0.9", "127.0.0.17", "127.0.0.19", "127.0.0.20", "127.0.0.22"}) {
      assertThat(mediumPlusOn(a, clean)).as("correctly configured host " + clean).isEmpty();
    }
    String inv = new JsonObject(Files.readString(inventory)).getJsonArray("devices").encode();
    assertThat(inv).contains("OpenSSH_9.2p1 Debian").contains("redis (auth required)").contains("mqtt (auth required)")
        .contains("smb share share (not listed)");
  }
}
