package jp.mamori.installer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.mamori.common.AgentPackageManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agent upgrades on a Debian bookworm root, as on a box: the built agent package is installed and enrolled, then
 * the root-side installer ({@code /usr/lib/mamori/mamori-agent-update}, run as its unit would run it: root with the
 * unit's capability bounding set and no new privileges) is handed packages the way the agent hands them over:
 * a newer good version (installed, healthy), a newer broken one (its daemon never starts: rolled back), and ones
 * signed with another key, with bytes that do not match, or not newer (refused, nothing installed). No systemd
 * runs in the root, so the restart step is a script that starts the daemon as the unit would.
 */
class BookwormUpdateIT {
  private static final String VERSION = DebPackageIT.VERSION;
  private static final String GOOD = VERSION + ".1";
  private static final String BROKEN = VERSION + ".2";
  private static final String INBOX = "/var/lib/mamori/agent/update";
  private static final Path WORK = Path.of(System.getProperty("mamori.target", "target"), "it-update-debs").toAbsolutePath();
  private static final KeyPair CONSOLE = keys();
  private static final KeyPair ATTACKER = keys();

  /**
   * What `systemctl restart mamori-agent` does on a box: stop the daemon, start the installed one as user mamori
   * with no new privileges. (PID 1 starts it with the unit's own capabilities; run from the updater here, it is
   * bound by the updater's set, so the agent's port-80 page stays off in this test.)
   */
  private static final String RESTART = """
      #!/bin/sh
      if [ -f /run/test-agent.pid ]; then
        pid=$(cat /run/test-agent.pid)
        kill "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
      fi
      cd /var/lib/mamori/agent
      umask 0077
      setpriv --reuid=mamori --regid=mamori --init-groups --no-new-privs \\
        /usr/bin/mamori-agent run --config /etc/mamori/agent.conf >> /tmp/agent.log 2>&1 &
      echo $! > /run/test-agent.pid
      """;

  @BeforeAll
  static void needsRoot() throws IOException {
    BookwormRoot.assumeRoot("installs and upgrades the agent package in a Debian bookworm root (debootstrap, chroot, namespaces)");
    BookwormRoot.prepare();
  }

  private static KeyPair keys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64(KeyPair k) {
    return Base64.getEncoder().encodeToString(k.getPublic().getEncoded());
  }

  /** The built agent package again with another version; its jar reports that version, or is no jar at all. */
  private static Path rebuild(String version, boolean broken) throws Exception {
    Path dir = WORK.resolve(version);
    Cmd.run(Duration.ofMinutes(1), "rm", "-rf", dir.toString()).ok();
    Files.createDirectories(WORK);
    Cmd.run(Duration.ofMinutes(2), "dpkg-deb", "-R", DebPackageIT.AGENT_DEB.toString(), dir.toString()).ok();
    Path control = dir.resolve("DEBIAN/control");
    Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
    Path jar = dir.resolve("usr/share/mamori/mamori-agent.jar");
    if (broken) {
      Files.writeString(jar, "this is not a jar: the daemon of this version never starts\n");
    } else {
      try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
        Files.writeString(zip.getPath("jp/mamori/version.properties"), "version=" + version + "\n");
      }
    }
    StringBuilder md5sums = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(dir.resolve("DEBIAN"))).sorted().toList()) {
        md5sums.append(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)))).append("  ")
            .append(dir.relativize(f)).append('\n');
      }
    }
    Files.writeString(dir.resolve("DEBIAN/md5sums"), md5sums);
    Path deb = WORK.resolve(AgentPackageManifest.fileName(version));
    Cmd.run(Duration.ofMinutes(3), "dpkg-deb", "--root-owner-group", "-Zgzip", "--build", dir.toString(), deb.toString()).ok();
    Cmd.run(Duration.ofMinutes(1), "rm", "-rf", dir.toString()).ok();
    return deb;
  }

  private static JsonObject manifest(KeyPair signer, String version, Path deb) throws Exception {
    String payload = AgentPackageManifest.payload(version, Files.size(deb),
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(deb))), Instant.now());
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(signer.getPrivate());
    s.update(payload.getBytes(StandardCharsets.UTF_8));
    return new JsonObject().put("payload", payload).put("signature", Base64.getEncoder().encodeToString(s.sign()))
        .put("keyId", "ed25519:test");
  }

  /** What the agent leaves for the installer: the .deb, then pending.json, both the service user's. */
  private static void handOver(BookwormRoot root, Path deb, JsonObject manifest, String fileName) throws IOException {
    root.shOk("install -d -o mamori -g mamori -m 0700 " + INBOX + " && rm -f " + INBOX + "/*.deb");
    Files.copy(deb, root.path(INBOX + "/" + fileName));
    Files.writeString(root.path(INBOX + "/pending.json"), new JsonObject().put("manifest", manifest).put("file", fileName)
        .put("handedOverAt", Instant.now().toString()).encode());
    root.shOk("chown mamori:mamori " + INBOX + "/pending.json " + INBOX + "/" + fileName);
  }

  /** The installer as mamori-agent-update.service runs it: root, the unit's bounding set, no new privileges. */
  private static Cmd.Result runUpdater(BookwormRoot root, int healthSeconds) throws IOException {
    String unit = root.read("/lib/systemd/system/mamori-agent-update.service");
    assertThat(directive(unit, "NoNewPrivileges")).isEqualTo("yes");
    StringBuilder bounding = new StringBuilder("-all");
    for (String cap : directive(unit, "CapabilityBoundingSet").split("\\s+")) {
      bounding.append(",+").append(cap.toLowerCase(java.util.Locale.ROOT).replaceFirst("^cap_", ""));
    }
    return root.sh("rm -f /run/test-agent.pid\n"
        + "MAMORI_UPDATE_RESTART=/usr/local/sbin/test-restart-agent MAMORI_UPDATE_HEALTH_SECONDS=" + healthSeconds
        + " setpriv --no-new-privs --bounding-set=" + bounding + " " + directive(unit, "ExecStart") + "\n");
  }

  private static String directive(String unit, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "=(.*)$").matcher(unit);
    assertThat(m.find()).as(name + " in the unit").isTrue();
    return m.group(1).strip();
  }

  private static String installed(BookwormRoot root) {
    return root.shOk("dpkg-query -W -f='${Version} ${Status}' mamori-agent").out();
  }

  private static JsonObject result(BookwormRoot root) throws IOException {
    return new JsonObject(root.read(INBOX + "/result.json"));
  }

  private static List<String> inbox(BookwormRoot root) {
    return root.shOk("ls -A " + INBOX).out().lines().sorted().toList();
  }

  @Test
  void installsASignedNewerVersionRollsBackABrokenOneAndRefusesWhatIsNotSignedForIt() throws Exception {
    Path good = rebuild(GOOD, false);
    Path broken = rebuild(BROKEN, true);
    String later = VERSION + ".3";
    Path unsigned = rebuild(later, false);
    try (BookwormRoot root = BookwormRoot.fresh("update")) {
      root.copyIn(DebPackageIT.AGENT_DEB, "/tmp/mamori-agent.deb");
      root.shOk("dpkg -i /tmp/mamori-agent.deb");
      Cmd.Result verify = root.sh("systemd-analyze verify mamori-agent-update.path mamori-agent-update.service");
      assertThat(verify.code()).as(verify.describe("")).isZero();
      assertThat(verify.out() + verify.err()).as("systemd-analyze verify").isEmpty();
      assertThat(Files.isSymbolicLink(root.path("/etc/systemd/system/paths.target.wants/mamori-agent-update.path"))).isTrue();
      assertThat(root.shOk("stat -c '%U:%G %a' /usr/lib/mamori/mamori-agent-update").out()).isEqualTo("root:root 755\n");
      // nothing handed over: nothing to do
      assertThat(runUpdater(root, 5).code()).isZero();

      // enrolled (what `mamori-agent enroll` writes; Java properties escape '=' and ':'), the console out of reach
      root.shOk("printf 'console.url=http://127.0.0.1:9/\\nbox.id=box-1\\nbox.credential=secret-1\\nrules.public-key=%s\\n"
          + "rules.key-id=ed25519\\\\:test\\n' '" + base64(CONSOLE).replace("=", "\\=") + "' >> /etc/mamori/agent.conf");
      Files.writeString(root.path("/usr/local/sbin/test-restart-agent"), RESTART);
      root.shOk("chmod 0755 /usr/local/sbin/test-restart-agent");

      // 1. a newer, signed, good version: installed, and healthy under its new version
      handOver(root, good, manifest(CONSOLE, GOOD, good), AgentPackageManifest.fileName(GOOD));
      Cmd.Result r = runUpdater(root, 120);
      assertThat(r.code()).as(r.describe("") + root.read("/tmp/agent.log")).isZero();
      assertThat(installed(root)).isEqualTo(GOOD + " install ok installed");
      assertThat(root.shOk("mamori-agent --version").out()).isEqualTo("mamori-agent " + GOOD + "\n");
      assertThat(result(root).getString("outcome")).isEqualTo("installed");
      assertThat(result(root).getString("message")).isEqualTo("installed " + GOOD);
      assertThat(result(root).getString("from")).isEqualTo(VERSION);
      assertThat(new JsonObject(root.read("/var/lib/mamori/agent/health.json")).getString("version")).isEqualTo(GOOD);
      assertThat(inbox(root)).containsExactly("result.json");
      assertThat(root.shOk("stat -c '%U:%G %a' " + INBOX + "/result.json /var/lib/mamori/update-trust/console.key").out())
          .isEqualTo("root:root 644\nroot:root 644\n");
      // trust on first use: root pinned the key the box was enrolled with
      assertThat(root.read("/var/lib/mamori/update-trust/console.key"))
          .isEqualTo("public-key=" + base64(CONSOLE) + "\nkey-id=ed25519:test\n");
      // the version installed by hand was rebuilt from its files for a rollback, as it was installed
      String repacked = "/var/cache/mamori/agent-packages/" + AgentPackageManifest.fileName(VERSION);
      assertThat(root.shOk("ls /var/cache/mamori/agent-packages").out().lines().sorted().toList())
          .containsExactlyInAnyOrder(AgentPackageManifest.fileName(VERSION), AgentPackageManifest.fileName(GOOD));
      assertThat(root.shOk("dpkg-deb -f " + repacked + " Package Version Architecture").out())
          .isEqualTo("Package: mamori-agent\nVersion: " + VERSION + "\nArchitecture: all\n");
      root.copyIn(DebPackageIT.AGENT_DEB, "/tmp/original.deb");
      assertThat(contents(root, repacked)).isEqualTo(contents(root, "/tmp/original.deb"));
      assertThat(root.shOk("dpkg-deb --ctrl-tarfile " + repacked + " | tar -t | grep -vx './' | sort").out())
          .isEqualTo(root.shOk("dpkg-deb --ctrl-tarfile /tmp/original.deb | tar -t | sort").out());

      // 2. a newer, signed version whose daemon never comes up: rolled back to the good one, and why is recorded
      handOver(root, broken, manifest(CONSOLE, BROKEN, broken), AgentPackageManifest.fileName(BROKEN));
      r = runUpdater(root, 40);
      assertThat(r.code()).as(r.describe("")).isEqualTo(1);
      assertThat(installed(root)).isEqualTo(GOOD + " install ok installed");
      assertThat(root.shOk("dpkg --audit").out()).as("nothing half-installed").isEmpty();
      assertThat(root.shOk("mamori-agent --version").out()).isEqualTo("mamori-agent " + GOOD + "\n");
      assertThat(result(root).getString("outcome")).as(result(root).encode()).isEqualTo("rolled-back");
      assertThat(result(root).getString("message")).isEqualTo("rolled back from " + BROKEN + ": not healthy within 40 s");
      assertThat(result(root).getString("version")).isEqualTo(BROKEN);
      assertThat(result(root).getString("from")).isEqualTo(GOOD);
      assertThat(inbox(root)).containsExactly("result.json");

      // 3. signed with another key: the service user rewrote agent.conf with its own key, but root pinned the console's
      root.shOk("sed -i 's|^rules.public-key=.*|rules.public-key=" + base64(ATTACKER).replace("=", "\\\\=") + "|' /etc/mamori/agent.conf");
      String pinned = root.read("/var/lib/mamori/update-trust/console.key");
      handOver(root, unsigned, manifest(ATTACKER, later, unsigned), AgentPackageManifest.fileName(later));
      r = runUpdater(root, 5);
      assertThat(r.code()).isEqualTo(1);
      assertThat(installed(root)).isEqualTo(GOOD + " install ok installed");
      assertThat(result(root).getString("outcome")).isEqualTo("refused");
      assertThat(result(root).getString("message")).contains("signature does not verify with the pinned key");
      assertThat(inbox(root)).as("the refused hand-over is deleted").containsExactly("result.json");
      assertThat(root.read("/var/lib/mamori/update-trust/console.key")).isEqualTo(pinned);

      // 4. signed by the console, but other bytes; and 5. signed, but not newer than what runs
      handOver(root, broken, manifest(CONSOLE, later, unsigned), AgentPackageManifest.fileName(later));
      r = runUpdater(root, 5);
      assertThat(r.code()).isEqualTo(1);
      assertThat(result(root).getString("message")).contains("is " + Files.size(broken) + " bytes, the signed manifest says "
          + Files.size(unsigned));
      handOver(root, good, manifest(CONSOLE, GOOD, good), AgentPackageManifest.fileName(GOOD));
      r = runUpdater(root, 5);
      assertThat(r.code()).isEqualTo(1);
      assertThat(result(root).getString("message")).contains("mamori-agent " + GOOD + " is not newer than the installed " + GOOD);
      assertThat(installed(root)).isEqualTo(GOOD + " install ok installed");
      assertThat(inbox(root)).containsExactly("result.json");

      // `sudo mamori-agent enroll` re-pins only when enrolling succeeded (here the console is out of reach)
      Cmd.Result enroll = root.sh("mamori-agent enroll --console http://127.0.0.1:9/ --token t --config /etc/mamori/agent.conf");
      assertThat(enroll.code()).as(enroll.describe("")).isEqualTo(1);
      assertThat(root.read("/var/lib/mamori/update-trust/console.key")).isEqualTo(pinned);
      // an administrator who re-enrolled with another console re-pins on purpose
      root.shOk("/usr/lib/mamori/mamori-agent-update --repin");
      assertThat(root.read("/var/lib/mamori/update-trust/console.key")).startsWith("public-key=" + base64(ATTACKER) + "\n");

      // purge takes the pinned key and the kept packages with it
      root.shOk("dpkg -P mamori-agent");
      assertThat(root.sh("ls -d /var/lib/mamori /var/cache/mamori").code()).isNotZero();
    }
  }

  /** Paths, modes and sizes of a package's files (dpkg-deb adds "./" of its own; jdeb does not). */
  private static String contents(BookwormRoot root, String deb) {
    return root.shOk("dpkg-deb -c " + deb + " | awk '$6 != \"./\" {print $1, $3, $6}' | sort").out();
  }
}
