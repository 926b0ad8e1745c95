package jp.mamori.agent.lan;

import static jp.mamori.agent.lan.Lab.expect;
import static jp.mamori.agent.lan.Lab.findings;
import static jp.mamori.agent.lan.Lab.mediumPlusOn;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real agent jar against real Debian daemons set up like badly configured office devices, each on its
 * own 127.0.0.x inside a network namespace this test creates (bench/lan-lab.sh); the scanner runs inside
 * that namespace too. Needs root: without it the test skips loudly, with -Pci (CI, root) it never skips.
 */
class LanLabIT {
  static Lab lab;
  static Path dir;

  @BeforeAll
  static void startLab() throws Exception {
    lab = Lab.start("lan-lab.sh", "mamori-lab-it-", "LanLabIT");
    dir = lab.dir;
  }

  @AfterAll
  static void stopLab() throws Exception {
    if (lab != null) {
      lab.stop();
    }
  }

  @Test
  void scopeScanFindsEveryPlantedWeaknessAndTheCleanHostStaysQuiet() throws Exception {
    Path inventory = dir.resolve("inventory.json");
    JsonArray a = findings(lab.scan("--scope", "127.0.0.0/27", "--json", "--inventory", inventory.toString()));
    expect(a, "lan.smb1", "127.0.0.2:445", 1);
    expect(a, "lan.smb-guest-share", "127.0.0.2:445", 4);
    expect(a, "lan.ftp-anonymous", "127.0.0.3:21", 4);
    expect(a, "lan.telnet-open", "127.0.0.4:23", 3);
    expect(a, "lan.default-login", "127.0.0.4:23", 3);
    expect(a, "lan.snmp-community", "127.0.0.5:161", 3);
    expect(a, "lan.eol-software", "127.0.0.5:161", 1);
    expect(a, "lan.no-auth", "127.0.0.6:1883", 3);
    expect(a, "lan.default-login", "127.0.0.7:80", 3);
    expect(a, "lan.no-auth", "127.0.0.8:6379", 3);
    expect(a, "lan.console-open", "127.0.0.10:80", 4);
    assertThat(mediumPlusOn(a, "127.0.0.9")).as("the correctly configured host").isEmpty();
    assertThat(a.encode()).doesNotContain("lan.new-device");

    JsonObject inv = new JsonObject(Files.readString(inventory));
    assertThat(inv.getJsonArray("devices").encode()).contains("127.0.0.9").contains("dropbear").contains("smb share public");

    // the next (light) scan knows the inventory: a device that was not there before is reported (point 5)
    JsonArray devices = inv.getJsonArray("devices");
    JsonArray without = new JsonArray();
    devices.forEach(d -> {
      if (!((JsonObject) d).getString("ip").equals("127.0.0.8")) {
        without.add(d);
      }
    });
    Files.writeString(inventory, inv.put("devices", without).encode());
    JsonArray light = findings(lab.scan("--scope", "127.0.0.0/27", "--json", "--light", "--inventory", inventory.toString()));
    expect(light, "lan.new-device", "127.0.0.8", 5);
    assertThat(mediumPlusOn(light, "127.0.0.9")).isEmpty();
    assertThat(light.encode()).as("light scans try no passwords").doesNotContain("lan.default-login");
  }

  @Test
  void explicitTargetsProbeExactlyThoseServices() throws Exception {
    JsonArray a = findings(lab.scan("--targets", "127.0.0.8:6379,127.0.0.3:21,127.0.0.5:161,127.0.0.9:22,127.0.0.2:445", "--json"));
    expect(a, "lan.no-auth", "127.0.0.8:6379", 3);
    expect(a, "lan.ftp-anonymous", "127.0.0.3:21", 4);
    expect(a, "lan.snmp-community", "127.0.0.5:161", 3);
    expect(a, "lan.smb-guest-share", "127.0.0.2:445", 4);
    assertThat(mediumPlusOn(a, "127.0.0.9")).isEmpty();
    for (int i = 0; i < a.size(); i++) {
      String t = a.getJsonObject(i).getString("target");
      assertThat(t).isIn("127.0.0.8:6379", "127.0.0.3:21", "127.0.0.5:161", "127.0.0.9:22", "127.0.0.2:445",
          "127.0.0.8", "127.0.0.3", "127.0.0.5", "127.0.0.9", "127.0.0.2");
    }
  }
}
