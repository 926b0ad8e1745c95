package jp.mamori.agent.lan;

import static jp.mamori.agent.lan.Lab.expect;
import static jp.mamori.agent.lan.Lab.findings;
import static jp.mamori.agent.lan.Lab.mediumPlusOn;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.rules.Signer;
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

  /**
   * The daemon (not the CLI) scans with the rule data its console signed, verified from DATA_DIR/rules at start:
   * an EOL entry only the rule data has fires on the clean host, and the default login the rule data no longer
   * lists is not tried (the bundled list finds it, see above).
   */
  @Test
  void theDaemonScansWithItsVerifiedRuleDataInsteadOfTheBundledCopy() throws Exception {
    Signer console = new Signer("ed25519:0123456789abcdef");
    JsonObject payload = Signer.payload(4);
    JsonObject lan = payload.getJsonObject("data").getJsonObject("lan");
    lan.getJsonArray("eol").getList().add(0, new JsonObject().put("kind", "ssh").put("pattern", "(?i)dropbear")
        .put("product", "Lab SSH server (rule data)").put("eol", "2020-01-01").put("severity", "medium"));
    JsonArray creds = new JsonArray();
    lan.getJsonArray("credentials").forEach(c -> {
      JsonObject o = (JsonObject) c;
      if (!(o.getString("service").equals("http") && o.getString("password").equals("password"))) {
        creds.add(o);
      }
    });
    lan.put("credentials", creds);
    Path data = dir.resolve("daemon");
    Files.createDirectories(data.resolve("rules"));
    Files.writeString(data.resolve("rules/signed.json"), console.sign(payload));
    String targets = "127.0.0.9:22,127.0.0.7:80";
    Path config = dir.resolve("daemon.conf");
    // the console is unreachable inside the namespace: the box keeps using what it verified from disk
    jp.mamori.agent.config.AgentConfig.empty().with("console.url", "http://127.0.0.1:9/").with("box.id", "lab-box")
        .with("box.credential", "mbx1.lab-box.secret").with("rules.public-key", console.publicKey()).with("rules.key-id", console.keyId)
        .with("data.dir", data.toString()).with("lan.targets", targets).with("heartbeat.seconds", "3600").save(config);

    List<String> cmd = List.of("ip", "netns", "exec", lab.ns, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx64m", "-jar", Path.of("target", "mamori-agent.jar").toAbsolutePath().toString(), "run", "--config",
        config.toString());
    Path log = dir.resolve("daemon.log");
    Process daemon = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    List<JsonObject> found = new ArrayList<>();
    try {
      long deadline = System.currentTimeMillis() + 180_000;
      Path outbox = data.resolve("outbox.db");
      while (System.currentTimeMillis() < deadline && !scanned(outbox, "lan targets " + targets)) {
        assertThat(daemon.isAlive()).as("daemon running; log:\n" + (Files.exists(log) ? Files.readString(log) : "")).isTrue();
        Thread.sleep(500);
      }
      try (java.sql.Connection c = jp.mamori.common.Sqlite.openReader(outbox)) {
        found.addAll(jp.mamori.common.Jdbc.list(c, "SELECT body FROM outbox WHERE kind = 'finding'", rs -> new JsonObject(rs.getString(1))));
      }
    } finally {
      daemon.destroy();
      daemon.waitFor(30, TimeUnit.SECONDS);
    }
    String journal = Files.readString(log);
    assertThat(journal).contains("rule data version 4").contains("verified and in use");
    assertThat(found).as("findings in the outbox; log:\n" + journal).anyMatch(f -> f.getString("check").equals("lan.eol-software")
        && f.getString("target").equals("127.0.0.9:22") && f.encode().contains("Lab SSH server (rule data)"));
    assertThat(found).noneMatch(f -> f.getString("check").equals("lan.default-login") && f.getString("target").equals("127.0.0.7:80"));
  }

  static boolean scanned(Path outbox, String job) throws Exception {
    if (!Files.exists(outbox)) {
      return false;
    }
    try (java.sql.Connection c = jp.mamori.common.Sqlite.openReader(outbox)) {
      return jp.mamori.common.Jdbc.count(c, "SELECT COUNT(*) FROM agent_state WHERE key = ?", "job.last-finished." + job) > 0;
    } catch (java.sql.SQLException e) {
      return false;
    }
  }
}
