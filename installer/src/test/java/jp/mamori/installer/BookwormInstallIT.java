package jp.mamori.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Installs, upgrades, removes and purges the packages in fresh Debian bookworm roots, as on a Raspberry Pi OS
 * box or a chamber's Debian server. No systemd runs there: the units are checked with systemd-analyze, and the
 * agent daemon is started by hand and traced to check that the unit's sandbox allows what it does.
 */
class BookwormInstallIT {
  private static final String VERSION = DebPackageIT.VERSION;
  private static final String AGENT = "/tmp/mamori-agent.deb";
  private static final String CONSOLE = "/tmp/mamori-console.deb";

  @BeforeAll
  static void needsRoot() throws IOException {
    BookwormRoot.assumeRoot("installs the .deb packages into a Debian bookworm root (debootstrap, chroot, namespaces)");
    BookwormRoot.prepare();
  }

  private static BookwormRoot rootWithPackages(String name) throws IOException {
    BookwormRoot root = BookwormRoot.fresh(name);
    root.copyIn(DebPackageIT.AGENT_DEB, AGENT);
    root.copyIn(DebPackageIT.CONSOLE_DEB, CONSOLE);
    return root;
  }

  /** "owner:group mode" of each path, or "missing". */
  private static Map<String, String> stat(BookwormRoot root, String... paths) {
    String script = "for p in \"$@\"; do if [ -e \"$p\" ]; then stat -c '%n %U:%G %a' \"$p\"; else echo \"$p missing\"; fi; done";
    String out = root.shOk("set -- " + Arrays.stream(paths).collect(Collectors.joining(" ")) + "\n" + script).out();
    Map<String, String> m = new TreeMap<>();
    for (String line : out.split("\n")) {
      int space = line.indexOf(' ');
      m.put(line.substring(0, space), line.substring(space + 1));
    }
    return m;
  }

  private static void assertServiceUser(BookwormRoot root) {
    String[] passwd = root.shOk("getent passwd mamori").out().strip().split(":");
    assertThat(Integer.parseInt(passwd[2])).as("system uid").isLessThan(1000);
    assertThat(passwd[5]).isEqualTo("/var/lib/mamori");
    assertThat(passwd[6]).isEqualTo("/usr/sbin/nologin");
    root.shOk("getent group mamori");
  }

  private static void assertUnitVerifies(BookwormRoot root, String unit) {
    Cmd.Result r = root.sh("systemd-analyze verify " + unit);
    assertThat(r.code()).as(r.describe("")).isZero();
    assertThat(r.out() + r.err()).as("systemd-analyze verify " + unit).isEmpty();
    Path wants = root.path("/etc/systemd/system/multi-user.target.wants/" + unit);
    assertThat(Files.isSymbolicLink(wants)).as(unit + " enabled").isTrue();
  }

  @Test
  void agentInstallsRunsAsItsOwnUserKeepsItsConfigOnUpgradeAndDataOnRemove() throws IOException {
    try (BookwormRoot root = rootWithPackages("agent")) {
      root.shOk("dpkg -i " + AGENT);

      assertServiceUser(root);
      assertThat(stat(root, "/usr/bin/mamori-agent", "/usr/share/mamori/mamori-agent.jar",
          "/lib/systemd/system/mamori-agent.service", "/etc/mamori", "/etc/mamori/agent.conf", "/var/lib/mamori",
          "/var/lib/mamori/agent", "/var/cache/mamori/mamori-agent.jsa")).containsExactlyInAnyOrderEntriesOf(Map.of(
          "/usr/bin/mamori-agent", "root:root 755",
          "/usr/share/mamori/mamori-agent.jar", "root:root 644",
          "/lib/systemd/system/mamori-agent.service", "root:root 644",
          "/etc/mamori", "root:mamori 770",
          "/etc/mamori/agent.conf", "mamori:mamori 600",
          "/var/lib/mamori", "root:root 755",
          "/var/lib/mamori/agent", "mamori:mamori 750",
          "/var/cache/mamori/mamori-agent.jsa", "root:root 644"));
      assertThat(root.read("/etc/mamori/agent.conf")).contains("data.dir = /var/lib/mamori/agent", "local.port = 80", "local.mdns = true");
      assertUnitVerifies(root, "mamori-agent.service");

      assertThat(root.shOk("mamori-agent --version").out()).isEqualTo("mamori-agent " + VERSION + "\n");
      assertThat(root.shOk("setpriv --reuid=mamori --regid=mamori --init-groups mamori-agent --version").out())
          .isEqualTo("mamori-agent " + VERSION + "\n");
      // -Xshare:on fails the start unless the archive made by postinst maps
      root.shOk("MAMORI_JAVA_OPTS=-Xshare:on mamori-agent --version");

      // an unenrolled box starts too: only its first-boot page, on port 80 (mDNS finds no office interface in this netns)
      assertThat(root.read("/lib/systemd/system/mamori-agent.service")).doesNotContain("ExecCondition");
      runAsTheUnitWould(root, "mamori-agent.service", "waiting for enrollment at http://mamori.local/", 80,
          "/var/lib/mamori/agent/local-secret");
      assertThat(root.read("/tmp/unit.log")).doesNotContain(" running: ").contains("not announcing mamori.local");
      // what enroll leaves behind; the console's address is a closed loopback port in this root's own netns
      // as `enroll` writes it, with the console's rules key pinned (a box without one refuses rule updates, loudly)
      root.shOk("printf 'console.url=http://127.0.0.1:9/\\nbox.id=box-1\\nbox.credential=secret-1\\nrules.public-key=MCowBQYDK2VwAyEAGoB/EkemXuhrK4/ZC/wb3deF5gKVuWBxghOqyaVwZIw=\\n' >> /etc/mamori/agent.conf");

      // the box's local pages on port 80: the unit's ambient CAP_NET_BIND_SERVICE lets user mamori bind it
      runAsTheUnitWould(root, "mamori-agent.service", " running: ", 80, "/var/lib/mamori/agent/outbox.db");

      // upgrade (same version again): the enrolled config stays as it is, with its owner and mode
      String enrolled = root.read("/etc/mamori/agent.conf");
      root.shOk("chmod 0644 /etc/mamori/agent.conf && dpkg -i " + AGENT);
      assertThat(root.read("/etc/mamori/agent.conf")).isEqualTo(enrolled);
      assertThat(stat(root, "/etc/mamori/agent.conf")).containsEntry("/etc/mamori/agent.conf", "mamori:mamori 600");

      root.shOk("echo finding > /var/lib/mamori/agent/kept.txt && dpkg -r mamori-agent");
      assertThat(stat(root, "/usr/bin/mamori-agent", "/usr/share/mamori/mamori-agent.jar", "/var/cache/mamori",
          "/var/lib/mamori/agent/kept.txt", "/var/lib/mamori/agent/outbox.db", "/etc/mamori/agent.conf"))
          .containsExactlyInAnyOrderEntriesOf(Map.of(
              "/usr/bin/mamori-agent", "missing",
              "/usr/share/mamori/mamori-agent.jar", "missing",
              "/var/cache/mamori", "missing",
              "/var/lib/mamori/agent/kept.txt", "root:root 644",
              "/var/lib/mamori/agent/outbox.db", "mamori:mamori 600",
              "/etc/mamori/agent.conf", "mamori:mamori 600"));
      assertThat(root.read("/etc/mamori/agent.conf")).isEqualTo(enrolled);

      root.shOk("dpkg -P mamori-agent");
      assertThat(stat(root, "/etc/mamori", "/var/lib/mamori", "/var/cache/mamori")).containsOnly(
          Map.entry("/etc/mamori", "missing"), Map.entry("/var/lib/mamori", "missing"), Map.entry("/var/cache/mamori", "missing"));
      assertThat(root.sh("dpkg -s mamori-agent").code()).isNotZero();
      root.shOk("getent passwd mamori");
    }
  }

  /**
   * Starts the unit's ExecStart= as systemd would, short of the mount sandbox: user mamori with the unit's
   * NoNewPrivileges=, CapabilityBoundingSet= and AmbientCapabilities= (setpriv), its working directory, umask and
   * environment file; traced, until its log shows {@code ready} (and, given a port, something listens on it).
   * Checks that every system call and socket family the launcher and the JVM used is allowed by the unit's
   * SystemCallFilter= and RestrictAddressFamilies=, then stops it with SIGTERM: exit 143, a success for the unit.
   */
  private static void runAsTheUnitWould(BookwormRoot root, String unitName, String ready, int port, String... filesOfTheUser)
      throws IOException {
    String unit = root.read("/lib/systemd/system/" + unitName);
    String envFile = unit.contains("\nEnvironmentFile=") ? directive(unit, "EnvironmentFile") : "/dev/null";
    assertThat(directive(unit, "User")).isEqualTo("mamori");
    assertThat(directive(unit, "NoNewPrivileges")).isEqualTo("yes");
    String bounding = "-all" + caps(directive(unit, "CapabilityBoundingSet"));
    String ambient = caps(directive(unit, "AmbientCapabilities"));
    String setpriv = "setpriv --reuid=mamori --regid=mamori --init-groups --no-new-privs --bounding-set=" + bounding
        + (ambient.isEmpty() ? "" : " --inh-caps=" + ambient.substring(1) + " --ambient-caps=" + ambient.substring(1));
    String listening = port == 0 ? "true" : "grep -Eqi '^ *[0-9]+: [0-9a-f]+:%04X [0-9a-f]+:0000 0A' /proc/net/tcp /proc/net/tcp6".formatted(port);
    Cmd.Result r = root.shOk("""
        set -a; . %s; set +a
        cd %s
        umask %s
        %s strace -f -q -o /tmp/unit.strace %s > /tmp/unit.log 2>&1 &
        tracer=$!
        i=0
        until grep -q '%s' /tmp/unit.log && %s; do
          i=$((i + 1))
          if [ $i -gt 1200 ] || ! kill -0 $tracer 2>/dev/null; then cat /tmp/unit.log; exit 3; fi
          sleep 0.1
        done
        sleep 2
        jvm=$(readlink -f /usr/lib/jvm/java-17-openjdk-*/bin/java)
        for p in /proc/[0-9]*; do [ "$(readlink $p/exe)" = "$jvm" ] && java=${p#/proc/}; done
        echo "user=$(stat -c %%U /proc/$java)"
        for f in %s; do echo "$f=$(stat -c '%%U %%a' $f)"; done
        kill -TERM $java
        wait $tracer || true
        echo "exit=$(grep -o '+++ exited with [0-9]*' /tmp/unit.strace | tail -1)"
        cat /tmp/unit.log
        """.formatted(envFile, directive(unit, "WorkingDirectory"), directive(unit, "UMask"), setpriv,
        directive(unit, "ExecStart"), ready, listening, String.join(" ", filesOfTheUser)));
    assertThat(r.out()).as(r.describe("")).contains("user=mamori\n", "exit=+++ exited with 143\n")
        .doesNotContain(" ERROR ", "Exception");
    for (String f : filesOfTheUser) {
      assertThat(r.out()).as(r.describe("")).contains(f + "=mamori 600\n");
    }

    String trace = root.read("/tmp/unit.strace");
    Set<String> allowed = syscallSet(root, directive(unit, "SystemCallFilter"));
    Set<String> used = new TreeSet<>();
    Matcher call = Pattern.compile("(?m)^\\d+\\s+(?:<\\.\\.\\. )?([a-z0-9_]+)[( ]").matcher(trace);
    while (call.find()) {
      used.add(call.group(1));
    }
    assertThat(used).as("system calls of the launcher and the JVM").hasSizeGreaterThan(30);
    assertThat(allowed).as(unitName + " SystemCallFilter=" + directive(unit, "SystemCallFilter")).containsAll(used);

    Set<String> families = new TreeSet<>();
    Matcher socket = Pattern.compile("socket\\((AF_[A-Z0-9]+)").matcher(trace);
    while (socket.find()) {
      families.add(socket.group(1));
    }
    assertThat(families).isNotEmpty();
    assertThat(Set.of(directive(unit, "RestrictAddressFamilies").split("\\s+"))).as(unitName).containsAll(families);
  }

  /** ",+net_bind_service,…" for setpriv from "CAP_NET_BIND_SERVICE …" in a unit. */
  private static String caps(String unitList) {
    StringBuilder sb = new StringBuilder();
    for (String cap : unitList.split("\\s+")) {
      if (!cap.isEmpty()) {
        sb.append(",+").append(cap.toLowerCase(java.util.Locale.ROOT).replaceFirst("^cap_", ""));
      }
    }
    return sb.toString();
  }

  private static String directive(String unit, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "=(.*)$").matcher(unit);
    assertThat(m.find()).as(name + " in the unit").isTrue();
    return m.group(1).strip();
  }

  /** The system calls a SystemCallFilter= allow list names, groups expanded, as systemd-analyze lists them. */
  private static Set<String> syscallSet(BookwormRoot root, String filter) {
    Map<String, List<String>> groups = new TreeMap<>();
    String current = null;
    for (String line : root.shOk("systemd-analyze syscall-filter --no-pager").out().split("\n")) {
      if (line.startsWith("@")) {
        current = line.strip();
        groups.put(current, new java.util.ArrayList<>());
      } else if (current != null && line.startsWith("    ") && !line.strip().startsWith("#") && !line.isBlank()) {
        groups.get(current).add(line.strip());
      }
    }
    Set<String> out = new TreeSet<>();
    for (String item : filter.split("\\s+")) {
      expand(item, groups, out);
    }
    return out;
  }

  private static void expand(String item, Map<String, List<String>> groups, Set<String> out) {
    if (!item.startsWith("@")) {
      out.add(item);
      return;
    }
    assertThat(groups).as("syscall group " + item).containsKey(item);
    for (String member : groups.get(item)) {
      expand(member, groups, out);
    }
  }

  @Test
  void consoleInstallsKeepsItsEditedSettingsOnUpgradeAndDataOnRemove() throws IOException {
    try (BookwormRoot root = rootWithPackages("console")) {
      root.shOk("dpkg -i " + CONSOLE);

      assertServiceUser(root);
      assertThat(stat(root, "/usr/bin/mamori-console", "/usr/share/mamori/mamori-console.jar",
          "/lib/systemd/system/mamori-console.service", "/etc/mamori/console.conf", "/var/lib/mamori/console"))
          .containsExactlyInAnyOrderEntriesOf(Map.of(
              "/usr/bin/mamori-console", "root:root 755",
              "/usr/share/mamori/mamori-console.jar", "root:root 644",
              "/lib/systemd/system/mamori-console.service", "root:root 644",
              "/etc/mamori/console.conf", "root:root 640",
              "/var/lib/mamori/console", "mamori:mamori 750"));
      assertThat(root.read("/var/lib/dpkg/info/mamori-console.conffiles")).isEqualTo("/etc/mamori/console.conf\n");
      assertUnitVerifies(root, "mamori-console.service");

      // the installed launcher, JRE and jar answer as the jar does on the build machine
      Cmd.Result direct = Cmd.run(Duration.ofMinutes(1), Map.of(), List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", System.getProperty("mamori.console.jar"), "--version"));
      Cmd.Result installed = root.sh("setpriv --reuid=mamori --regid=mamori --init-groups mamori-console --version");
      assertThat(installed.code()).as(installed.describe("")).isEqualTo(direct.code());
      assertThat(installed.out()).isEqualTo(direct.out());

      runAsTheUnitWould(root, "mamori-console.service", "listening on http://", 8080,
          "/var/lib/mamori/console/console.db", "/var/lib/mamori/console/initial-admin-password");
      // an admin starting it by hand as root: the launcher drops to mamori, so the files stay the service's
      assertThat(root.shOk("""
          mamori-console serve --data /var/lib/mamori/console --port 0 > /tmp/serve.log 2>&1 &
          pid=$!
          i=0
          until grep -q 'listening on http://' /tmp/serve.log; do
            i=$((i + 1)); if [ $i -gt 600 ] || ! kill -0 $pid 2>/dev/null; then cat /tmp/serve.log; exit 3; fi; sleep 0.1
          done
          stat -c %U /proc/$pid
          kill -TERM $pid
          wait $pid || true
          """).out()).isEqualTo("mamori\n");

      root.shOk("sed -i 's/^MAMORI_CONSOLE_ARGS=.*/MAMORI_CONSOLE_ARGS=\"--port 9090\"/' /etc/mamori/console.conf && dpkg -i " + CONSOLE);
      assertThat(root.read("/etc/mamori/console.conf")).contains("\nMAMORI_CONSOLE_ARGS=\"--port 9090\"\n");

      root.shOk("echo ticket > /var/lib/mamori/console/kept.txt && dpkg -r mamori-console");
      assertThat(stat(root, "/usr/bin/mamori-console", "/etc/mamori/console.conf", "/var/lib/mamori/console/kept.txt"))
          .containsExactlyInAnyOrderEntriesOf(Map.of(
              "/usr/bin/mamori-console", "missing",
              "/etc/mamori/console.conf", "root:root 640",
              "/var/lib/mamori/console/kept.txt", "root:root 644"));

      root.shOk("dpkg -P mamori-console");
      assertThat(stat(root, "/etc/mamori", "/var/lib/mamori")).containsOnly(
          Map.entry("/etc/mamori", "missing"), Map.entry("/var/lib/mamori", "missing"));
    }
  }

  @Test
  void bothPackagesOnOneHostShareTheUserAndPurgingOneKeepsTheOther() throws IOException {
    try (BookwormRoot root = rootWithPackages("both")) {
      root.shOk("dpkg -i " + AGENT + " && dpkg -i " + CONSOLE + " && dpkg -i " + CONSOLE);
      // dpkg leaves an existing directory's mode alone: the agent can still rewrite its config
      assertThat(stat(root, "/etc/mamori")).containsEntry("/etc/mamori", "root:mamori 770");
      assertThat(root.shOk("getent passwd mamori").out().lines()).hasSize(1);

      root.shOk("dpkg -P mamori-agent");
      assertThat(stat(root, "/etc/mamori/agent.conf", "/etc/mamori/console.conf", "/var/lib/mamori/agent",
          "/var/lib/mamori/console")).containsExactlyInAnyOrderEntriesOf(Map.of(
              "/etc/mamori/agent.conf", "missing",
              "/etc/mamori/console.conf", "root:root 640",
              "/var/lib/mamori/agent", "missing",
              "/var/lib/mamori/console", "mamori:mamori 750"));

      root.shOk("dpkg -P mamori-console");
      assertThat(stat(root, "/etc/mamori", "/var/lib/mamori")).containsOnly(
          Map.entry("/etc/mamori", "missing"), Map.entry("/var/lib/mamori", "missing"));
    }
  }
}
