package jp.mamori.agent.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unenrolled daemon (the real jar) announces mamori.local and its setup page over mDNS, and a jmdns client
 * standing in for a phone finds it and opens the page. Box and phone each run in a network namespace this test
 * creates, joined by a veth pair with private addresses: nothing is sent on the machine's real interfaces. Needs root
 * (skips loudly without, fails under -Pci).
 */
class MdnsAnnounceIT {
  static final String NS = "mamori-mdns-it-" + ProcessHandle.current().pid();
  static final String PHONE = "mamori-mdns-phone-" + ProcessHandle.current().pid();
  static final Path AGENT_JAR = Path.of("target/mamori-agent.jar").toAbsolutePath();
  @TempDir Path tmp;
  Process daemon;

  record Run(int exit, String out) {}

  static Run exec(List<String> cmd, long seconds) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not finish in " + seconds + " s");
    }
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  static void ok(String... cmd) throws Exception {
    Run r = exec(List.of(cmd), 30);
    assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.out()).isZero();
  }

  @Test
  void theSetupPageIsFoundAsMamoriLocalOnTheLan() throws Exception {
    if (!"0".equals(exec(List.of("id", "-u"), 10).out().strip())) {
      String msg = "\n!!!!!!!! MdnsAnnounceIT SKIPPED: not root, cannot create the network namespace for the mDNS test !!!!!!!!\n";
      System.err.println(msg);
      if (Boolean.getBoolean("mamori.it.requireRoot")) {
        fail("MdnsAnnounceIT must run in CI but this is not root");
      }
      Assumptions.abort(msg);
    }
    for (String ns : List.of(NS, PHONE)) {
      exec(List.of("ip", "netns", "del", ns), 10);
      ok("ip", "netns", "add", ns);
      ok("ip", "-n", ns, "link", "set", "lo", "up");
    }
    // the office LAN: a cable (veth pair) between the box's namespace and the phone's
    ok("ip", "-n", NS, "link", "add", "lan0", "type", "veth", "peer", "name", "lan1");
    ok("ip", "-n", NS, "link", "set", "lan1", "netns", PHONE);
    ok("ip", "-n", NS, "addr", "add", "10.77.0.1/24", "dev", "lan0");
    ok("ip", "-n", PHONE, "addr", "add", "10.77.0.2/24", "dev", "lan1");
    ok("ip", "-n", NS, "link", "set", "lan0", "up");
    ok("ip", "-n", PHONE, "link", "set", "lan1", "up");

    Path config = tmp.resolve("agent.conf");
    Files.writeString(config, "data.dir = " + tmp.resolve("data") + "\nlocal.port = 8080\nlocal.mdns = true\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = tmp.resolve("daemon.log");
    daemon = new ProcessBuilder("ip", "netns", "exec", NS, java, "-Xmx96m", "-jar", AGENT_JAR.toString(), "run", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline && !Files.readString(log).contains("announcing mamori.local.")) {
      assertThat(daemon.isAlive()).as(Files.readString(log)).isTrue();
      Thread.sleep(200);
    }
    assertThat(Files.readString(log)).contains("announcing mamori.local. (10.77.0.1)").contains("waiting for enrollment at http://mamori.local/");

    List<String> query = new ArrayList<>(List.of("ip", "netns", "exec", PHONE, java, "-cp", System.getProperty("java.class.path"),
        MdnsQuery.class.getName(), "10.77.0.2"));
    Run phone = exec(query, 90);
    assertThat(phone.out()).as("the phone's view; daemon log:\n" + Files.readString(log))
        .contains("host mamori.local. addr 10.77.0.1 port 8080").contains("page 200 setup");
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (daemon != null) {
      daemon.destroy();
      if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
    }
    try {
      exec(List.of("ip", "netns", "del", NS), 10);
      exec(List.of("ip", "netns", "del", PHONE), 10);
    } catch (IOException ignored) {
      // no ip tool: nothing was created
    }
  }
}
