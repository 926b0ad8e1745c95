package jp.mamori.agent.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * One namespace lab of real Debian daemons (bench/lan-lab*.sh) for the *IT tests: started in a namespace
 * named after the test JVM's pid (other worktrees may run the same test at once), scanned with the real
 * agent jar inside that namespace, torn down after. Without root the tests skip loudly; with
 * -Dmamori.it.requireRoot=true (CI, -Pci) they fail instead.
 */
final class Lab {
  record Run(int exit, String out, String err) {}

  final String ns;
  final Path dir;
  private final Path script;

  private Lab(Path script, String ns, Path dir) {
    this.script = script;
    this.ns = ns;
    this.dir = dir;
  }

  /** Starts bench/{@code script} in namespace {@code prefix + pid}, or skips/fails without root. */
  static Lab start(String script, String prefix, String testName) throws Exception {
    boolean root = "0".equals(exec(List.of("id", "-u"), 10).out().strip());
    if (!root) {
      String msg = "\n!!!!!!!! " + testName + " SKIPPED: not root, cannot create network namespaces for the LAN lab. "
          + "Run as root (CI does, with -Pci) to test the LAN checks against real daemons. !!!!!!!!\n";
      System.err.println(msg);
      if (Boolean.getBoolean("mamori.it.requireRoot")) {
        fail(testName + " must run in CI but this is not root");
      }
      Assumptions.abort(msg);
    }
    Path lab = Path.of("..", "bench", script).toAbsolutePath().normalize();
    cleanLeftovers(lab, prefix);
    // traversable by the daemons' unprivileged users (guest shares as nobody, ftp, nginx workers)
    Path dir = Files.createTempDirectory("mamori-lab-it", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Lab l = new Lab(lab, prefix + ProcessHandle.current().pid(), dir);
    Run up = exec(List.of(lab.toString(), "up", l.ns, l.state()), 120);
    if (up.exit() != 0) {
      exec(List.of(lab.toString(), "down", l.ns, l.state()), 60);
      fail("the LAN lab " + script + " did not start (are the packages of .ci/test-packages.txt installed?):\n" + up.out() + up.err());
    }
    return l;
  }

  private String state() {
    return dir.resolve("lab").toString();
  }

  /** Labs of earlier runs whose test JVM died without teardown (the namespace name carries its pid). */
  private static void cleanLeftovers(Path lab, String prefix) throws Exception {
    Pattern own = Pattern.compile("^(" + Pattern.quote(prefix) + "(\\d+))\\b");
    for (String line : exec(List.of("ip", "netns", "list"), 10).out().split("\n")) {
      Matcher m = own.matcher(line.strip());
      if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
        exec(List.of(lab.toString(), "down", m.group(1), "/nonexistent/" + m.group(1)), 60);
      }
    }
  }

  void stop() throws Exception {
    Run down = exec(List.of(script.toString(), "down", ns, state()), 60);
    assertThat(down.exit()).as("lab teardown: " + down.err()).isZero();
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** scan-lan of the built agent jar, run inside the lab's namespace. */
  Run scan(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns,
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

  /** The finding of {@code check} on {@code target}, asserted to be at medium or above with IPA point {@code point}. */
  static JsonObject expect(JsonArray a, String check, String target, int point) {
    JsonObject found = null;
    for (int i = 0; i < a.size(); i++) {
      JsonObject f = a.getJsonObject(i);
      if (f.getString("check").equals(check) && f.getString("target").equals(target)) {
        assertThat(f.getInteger("point")).as(check + " on " + target).isEqualTo(point);
        assertThat(f.getString("severity")).as(check + " on " + target).isIn("medium", "high", "critical");
        found = f;
      }
    }
    assertThat(found).as(check + " on " + target + " in\n" + a.encodePrettily()).isNotNull();
    return found;
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
