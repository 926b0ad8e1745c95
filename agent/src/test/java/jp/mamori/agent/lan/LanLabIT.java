package jp.mamori.agent.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real agent jar against real Debian daemons set up like badly configured office devices, each on its
 * own 127.0.0.x inside a network namespace this test creates (bench/lan-lab.sh); the scanner runs inside
 * that namespace too. Needs root: without it the test skips loudly, with -Pci (CI, root) it never skips.
 */
class LanLabIT {
  /** Per run: other worktrees on the same machine may run this test at the same time. */
  static final String NS = "mamori-lab-it-" + ProcessHandle.current().pid();
  static Path dir;
  static Path lab;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void startLab() throws Exception {
    jp.mamori.testing.NeedsRoot.require("LanLabIT", "cannot create network namespaces for the LAN lab",
        "to test the LAN checks against real daemons");
    lab = Path.of("..", "bench", "lan-lab.sh").toAbsolutePath().normalize();
    cleanLeftovers();
    // traversable by the daemons' unprivileged users (guest share as nobody, ftp)
    dir = Files.createTempDirectory("mamori-lab-it",
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    Run up = exec(List.of(lab.toString(), "up", NS, dir.resolve("lab").toString()), 120);
    if (up.exit() != 0) {
      exec(List.of(lab.toString(), "down", NS, dir.resolve("lab").toString()), 60);
      fail("the LAN lab did not start (are the packages of .ci/test-packages.txt installed?):\n" + up.out() + up.err());
    }
  }

  /** Labs of earlier runs whose test JVM died without teardown (the namespace name carries its pid). */
  static void cleanLeftovers() throws Exception {
    for (String line : exec(List.of("ip", "netns", "list"), 10).out().split("\n")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(mamori-lab-it-(\\d+))\\b").matcher(line.strip());
      if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
        exec(List.of(lab.toString(), "down", m.group(1), "/nonexistent/" + m.group(1)), 60);
      }
    }
  }

  @AfterAll
  static void stopLab() throws Exception {
    if (lab != null) {
      Run down = exec(List.of(lab.toString(), "down", NS, dir.resolve("lab").toString()), 60);
      assertThat(down.exit()).as("lab teardown: " + down.err()).isZero();
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static Run scan(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", NS,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-Xmx64m", "-Xss256k",
        "-jar", Path.of("target", "mamori-agent.jar").toAbsolutePath().toString(), "scan-lan"));
    cmd.addAll(List.of(args));
    return exec(cmd, 300);
  }

  static JsonArray findings(Run r) {
    assertThat(r.exit()).as("scan-lan exit; stderr:\n" + r.err()).isZero();
    String out = r.out().strip();
    assertThat(out).as("stdout is only a JSON array").startsWith("[").endsWith("]");
    JsonArray a = new JsonArray(out);
    for (int i = 0; i < a.size(); i++) {
      JsonObject f = a.getJsonObject(i);
      assertThat(f.getInteger("point")).as(f.encode()).isBetween(1, 5);
      assertThat(f.getString("target")).as(f.encode()).matches("127\\.0\\.0\\.\\d+(:\\d+)?");
    }
    return a;
  }

  static void expect(JsonArray a, String check, String target, int point) {
    boolean found = false;
    for (int i = 0; i < a.size(); i++) {
      JsonObject f = a.getJsonObject(i);
      if (f.getString("check").equals(check) && f.getString("target").equals(target)) {
        assertThat(f.getInteger("point")).as(check + " on " + target).isEqualTo(point);
        assertThat(f.getString("severity")).as(check + " on " + target).isIn("medium", "high", "critical");
        found = true;
      }
    }
    assertThat(found).as(check + " on " + target + " in\n" + a.encodePrettily()).isTrue();
  }

  static List<String> mediumPlusOn(JsonArray a, String host) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonObject f = a.getJsonObject(i);
      String t = f.getString("target");
      if ((t.equals(host) || t.startsWith(host + ":")) && !f.getString("severity").equals("info") && !f.getString("severity").equals("low")) {
        out.add(f.getString("check") + " " + t);
      }
    }
    return out;
  }

  @Test
  void scopeScanFindsEveryPlantedWeaknessAndTheCleanHostStaysQuiet() throws Exception {
    Path inventory = dir.resolve("inventory.json");
    JsonArray a = findings(scan("--scope", "127.0.0.0/27", "--json", "--inventory", inventory.toString()));
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
    JsonArray light = findings(scan("--scope", "127.0.0.0/27", "--json", "--light", "--inventory", inventory.toString()));
    expect(light, "lan.new-device", "127.0.0.8", 5);
    assertThat(mediumPlusOn(light, "127.0.0.9")).isEmpty();
    assertThat(light.encode()).as("light scans try no passwords").doesNotContain("lan.default-login");
  }

  @Test
  void explicitTargetsProbeExactlyThoseServices() throws Exception {
    JsonArray a = findings(scan("--targets", "127.0.0.8:6379,127.0.0.3:21,127.0.0.5:161,127.0.0.9:22,127.0.0.2:445", "--json"));
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

  static Run exec(List<String> cmd, int seconds) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Path out = Files.createTempFile("mamori-it", ".out");
    Path err = Files.createTempFile("mamori-it", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " did not finish in " + seconds + " s");
    }
    Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }
}
