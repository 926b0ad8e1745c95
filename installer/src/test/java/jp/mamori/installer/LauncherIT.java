package jp.mamori.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launchers in installer/bin, run from the source tree against the jars the build made. */
class LauncherIT {
  private static final String VERSION = System.getProperty("mamori.version");
  private static final Path BIN = Path.of("bin").toAbsolutePath();
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private static Cmd.Result launch(String launcher, Map<String, String> env, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of(BIN.resolve(launcher).toString()));
    argv.addAll(List.of(args));
    return Cmd.run(TIMEOUT, env, argv);
  }

  @Test
  void agentRunsWithTheFlagsForASmallPi() {
    Cmd.Result r = launch("mamori-agent", Map.of("MAMORI_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XshowSettings:properties"),
        "--version").ok();

    assertThat(r.out()).isEqualTo("mamori-agent " + VERSION + "\n");
    assertThat(r.err()).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=33554432", "-XX:InitialHeapSize=8388608",
        "-XX:ReservedCodeCacheSize=16777216", "-XX:MaxMetaspaceSize=67108864",
        "-XX:ThreadStackSize=512", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxNewSize=2097152", "-XX:MinHeapFreeRatio=5",
        "-XX:MaxHeapFreeRatio=15", "-XX:-ShrinkHeapInSteps", "-XX:TrimNativeHeapInterval=10000",
        "java.vm.info = interpreted mode");
  }

  @Test
  void agentJvmGetsFewMallocArenasAndTheConsoleItsDefault(@TempDir Path dir) throws IOException {
    // a "Java" that prints its environment: what the launcher hands the real one
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(bin.resolve("java"), "#!/bin/sh\nenv\n");
    bin.resolve("java").toFile().setExecutable(true);

    assertThat(launch("mamori-agent", Map.of("JAVA_HOME", dir.toString()), "--version").ok().out()).contains("MALLOC_ARENA_MAX=2");
    assertThat(launch("mamori-agent", Map.of("JAVA_HOME", dir.toString(), "MALLOC_ARENA_MAX", "4"), "--version").ok().out())
        .contains("MALLOC_ARENA_MAX=4");
    assertThat(launch("mamori-console", Map.of("JAVA_HOME", dir.toString()), "--version").ok().out()).doesNotContain("MALLOC_ARENA_MAX");
  }

  @Test
  void optionsFromTheEnvironmentComeLastAndWin() {
    Cmd.Result r = launch("mamori-agent", Map.of("MAMORI_JAVA_OPTS", "-Xmx64m -XX:+PrintCommandLineFlags"), "--version").ok();

    assertThat(r.err()).contains("-XX:MaxHeapSize=67108864").doesNotContain("-XX:MaxHeapSize=33554432");
  }

  @Test
  void jvmWarningsStayOffStdoutWhichCarriesTheJson() {
    Cmd.Result r = launch("mamori-agent", Map.of("MAMORI_JAVA_OPTS", "-XX:+UseBiasedLocking"), "--version").ok();

    assertThat(r.out()).isEqualTo("mamori-agent " + VERSION + "\n");
    assertThat(r.err()).contains("UseBiasedLocking");
  }

  @Test
  void textIsUtf8EvenUnderLangC() {
    Cmd.Result r = launch("mamori-agent", Map.of("LANG", "C", "LC_ALL", "C", "MAMORI_JAVA_OPTS", "-XshowSettings:properties"),
        "--version").ok();

    assertThat(r.err()).contains("file.encoding = UTF-8");
  }

  @Test
  void argumentsReachTheAgentUnchanged() {
    Cmd.Result r = launch("mamori-agent", Map.of(), "run", "--config", "/nonexistent dir/agent *.conf");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("/nonexistent dir/agent *.conf");
  }

  @Test
  void consoleLauncherRunsTheConsoleJar() {
    Cmd.Result direct = Cmd.run(TIMEOUT, Map.of(), List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("mamori.console.jar"), "--version"));

    Cmd.Result launched = launch("mamori-console", Map.of(), "--version");

    assertThat(launched.code()).as(launched.describe("")).isEqualTo(direct.code());
    assertThat(launched.out()).isEqualTo(direct.out());
  }

  @Test
  void aLauncherWithoutItsJarSaysWhereItLooked(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(BIN.resolve("mamori-launcher"), bin.resolve("mamori-agent"));

    Cmd.Result r = Cmd.run(TIMEOUT, "sh", bin.resolve("mamori-agent").toString(), "--version");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("cannot find mamori-agent.jar", "share/mamori/mamori-agent.jar", "agent/target/mamori-agent.jar");
  }

  @Test
  void aLauncherOfAnotherNameRefusesToGuess(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("mamori-something");
    Files.copy(BIN.resolve("mamori-launcher"), copy);

    Cmd.Result r = Cmd.run(TIMEOUT, "sh", copy.toString(), "--version");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("call me as mamori-agent or mamori-console");
  }
}
