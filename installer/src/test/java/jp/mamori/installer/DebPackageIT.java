package jp.mamori.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the two .deb files hold, read with dpkg-deb (no root needed). */
class DebPackageIT {
  static final String VERSION = System.getProperty("mamori.version");
  static final Path AGENT_DEB = Path.of(System.getProperty("mamori.target"), "mamori-agent_" + VERSION + "_all.deb");
  static final Path CONSOLE_DEB = Path.of(System.getProperty("mamori.target"), "mamori-console_" + VERSION + "_all.deb");
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  /** path → "mode owner/group size" of the regular files in a package. */
  private static Map<String, String> files(Path deb) {
    Map<String, String> files = new TreeMap<>();
    for (String line : Cmd.run(TIMEOUT, "dpkg-deb", "--contents", deb.toString()).ok().out().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f[0].startsWith("-")) {
        files.put(f[5].substring(1), f[0] + " " + f[1] + " " + f[2]);
      }
    }
    return files;
  }

  private static String field(Path deb, String name) {
    return Cmd.run(TIMEOUT, "dpkg-deb", "--field", deb.toString(), name).ok().out().strip();
  }

  @Test
  void agentPackage() throws IOException {
    long jar = Files.size(Path.of(System.getProperty("mamori.agent.jar")));
    long template = Files.size(Path.of("src/deb/files/mamori-agent.conf.default"));

    assertThat(field(AGENT_DEB, "Package")).isEqualTo("mamori-agent");
    assertThat(field(AGENT_DEB, "Version")).isEqualTo(VERSION);
    assertThat(field(AGENT_DEB, "Architecture")).isEqualTo("all");
    assertThat(field(AGENT_DEB, "Depends")).contains("openjdk-17-jre-headless (>= 17.0.9)", "adduser");
    assertThat(files(AGENT_DEB)).containsOnlyKeys("/usr/bin/mamori-agent", "/usr/share/mamori/mamori-agent.jar",
            "/usr/share/mamori/mamori-agent.classlist", "/usr/share/mamori/mamori-agent.conf.default",
            "/lib/systemd/system/mamori-agent.service", "/usr/lib/mamori/mamori-agent-update",
            "/lib/systemd/system/mamori-agent-update.path", "/lib/systemd/system/mamori-agent-update.service")
        .containsEntry("/usr/lib/mamori/mamori-agent-update", "-rwxr-xr-x root/root "
            + Files.size(Path.of("src/deb/files/mamori-agent-update")))
        .containsEntry("/usr/bin/mamori-agent", "-rwxr-xr-x root/root " + Files.size(Path.of("bin/mamori-launcher")))
        .containsEntry("/usr/share/mamori/mamori-agent.jar", "-rw-r--r-- root/root " + jar)
        .containsEntry("/usr/share/mamori/mamori-agent.conf.default", "-rw-r--r-- root/root " + template);
  }

  @Test
  void consolePackageShipsItsSettingsAsAConffile() {
    assertThat(field(CONSOLE_DEB, "Package")).isEqualTo("mamori-console");
    assertThat(field(CONSOLE_DEB, "Depends")).contains("openjdk-17-jre-headless", "adduser");
    assertThat(files(CONSOLE_DEB)).containsOnlyKeys("/usr/bin/mamori-console", "/usr/share/mamori/mamori-console.jar",
            "/lib/systemd/system/mamori-console.service", "/etc/mamori/console.conf")
        .hasEntrySatisfying("/etc/mamori/console.conf", v -> assertThat(v).startsWith("-rw-r----- root/root"));
    assertThat(Cmd.run(TIMEOUT, "dpkg-deb", "--info", CONSOLE_DEB.toString(), "conffiles").ok().out())
        .isEqualTo("/etc/mamori/console.conf\n");
    // agent.conf is made by postinst, not shipped: enroll rewrites it, which a conffile must not be
    assertThat(Cmd.run(TIMEOUT, "dpkg-deb", "--info", AGENT_DEB.toString(), "conffiles").code()).isNotZero();
  }

  @Test
  void shellScriptsAreShellcheckClean() {
    Cmd.run(TIMEOUT, "shellcheck", "--shell=sh", "bin/mamori-launcher", "src/deb/files/mamori-agent-update",
        "src/deb/agent/control/postinst", "src/deb/agent/control/prerm", "src/deb/agent/control/postrm",
        "src/deb/console/control/postinst", "src/deb/console/control/prerm", "src/deb/console/control/postrm").ok();
  }

  @Test
  void maintainerScriptsAreValidShellWithEveryTokenReplaced(@TempDir Path dir) throws IOException {
    for (Path deb : new Path[] {AGENT_DEB, CONSOLE_DEB}) {
      Path control = dir.resolve(deb.getFileName().toString());
      Cmd.run(TIMEOUT, "dpkg-deb", "--control", deb.toString(), control.toString()).ok();
      try (Stream<Path> scripts = Files.list(control)) {
        for (Path script : scripts.filter(p -> p.getFileName().toString().matches("preinst|postinst|prerm|postrm")).toList()) {
          assertThat(Files.isExecutable(script)).as(script.toString()).isTrue();
          Cmd.run(TIMEOUT, "sh", "-n", script.toString()).ok();
        }
      }
      try (Stream<Path> all = Files.list(control)) {
        for (Path file : all.toList()) {
          assertThat(Files.readString(file)).as(file.toString()).doesNotContain("[[", "]]");
        }
      }
    }
    assertThat(Files.readString(dir.resolve(AGENT_DEB.getFileName().toString()).resolve("triggers")))
        .isEqualTo("interest-noawait /usr/lib/jvm\n");
  }
}
