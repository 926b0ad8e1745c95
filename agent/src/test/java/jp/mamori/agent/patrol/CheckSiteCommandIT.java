package jp.mamori.agent.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.web.site.CompanySite;
import jp.mamori.checks.web.site.TestCerts;
import jp.mamori.checks.web.site.TestSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real agent jar's {@code check-site} against a website this test serves on loopback. */
class CheckSiteCommandIT {
  static final Path JAR = Path.of("target", "mamori-agent.jar");
  static final String HOST = "www.yamada-seiko.test";
  @TempDir
  Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), List.of(), args);
  }

  static Run run(Map<String, String> env, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx96m"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().remove("MAMORI_LOG_LEVEL");
    pb.environment().putAll(env);
    Process p = pb.start();
    // stderr drained on its own thread so a chatty log never blocks the process
    StringBuilder err = new StringBuilder();
    Thread drain = new Thread(() -> {
      try {
        err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // process gone
      }
    });
    drain.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    drain.join();
    return new Run(p.exitValue(), out, err.toString());
  }

  static JsonArray findings(Run r) {
    assertThat(r.exit()).as(r.err()).isZero();
    String trimmed = r.out().strip();
    assertThat(trimmed).startsWith("[").endsWith("]");
    JsonArray a = new JsonArray(trimmed);
    a.forEach(o -> Finding.fromJson((JsonObject) o));
    return a;
  }

  static List<String> checks(JsonArray a) {
    List<String> out = new ArrayList<>();
    a.forEach(o -> out.add(((JsonObject) o).getString("severity") + ":" + ((JsonObject) o).getString("check")));
    return out;
  }

  @Test
  void patrolsALocalSiteAndPrintsOnlyAJsonArray() throws Exception {
    CompanySite content = new CompanySite();
    try (TestSite site = TestSite.http()) {
      site.handler(content);
      String url = site.url(HOST).toString();
      String state = tmp.resolve("state").toString();
      String resolve = HOST + "=127.0.0.1";
      JsonArray first = findings(run("check-site", url, "--state", state, "--json", "--resolve", resolve));
      assertThat(checks(first)).noneMatch(c -> c.startsWith("medium") || c.startsWith("high") || c.startsWith("critical"));
      content.copyrightYear = 2027;
      assertThat(checks(findings(run("check-site", url, "--state", state, "--json", "--resolve", resolve))))
          .noneMatch(c -> c.startsWith("medium") || c.startsWith("high") || c.startsWith("critical"));

      content.footerExtra = "<script src=\"https://cdn-metrics-hub.example/a.js\"></script>"
          + "<div style=\"display:none\"><a href=\"https://pills.example/\">buy viagra online</a></div>";
      Run injected = run("check-site", url, "--state", state, "--json", "--resolve", resolve);
      assertThat(checks(findings(injected))).contains("high:web.new-script-origin", "high:web.seo-spam");
      assertThat(injected.err()).contains("finding(s)");
    }
  }

  @Test
  void trustsAPrivateCaFromCaFileAndReportsExpiredCertificates() throws Exception {
    Path pem = tmp.resolve("ca.pem");
    Files.writeString(pem, TestCerts.get().caPem());
    Instant now = Instant.now();
    try (TestSite good = TestSite.https(TestCerts.get().serverContext(List.of(HOST), now.minusSeconds(60),
        now.plus(Duration.ofDays(300)), false), "TLSv1.3", "TLSv1.2");
        TestSite expired = TestSite.https(TestCerts.get().serverContext(List.of(HOST), now.minus(Duration.ofDays(300)),
            now.minus(Duration.ofDays(1)), false), "TLSv1.3", "TLSv1.2")) {
      good.handler(new CompanySite());
      expired.handler(new CompanySite());
      List<String> ok = checks(findings(run("check-site", good.url(HOST).toString(), "--state", tmp.resolve("a").toString(),
          "--json", "--ca-file", pem.toString(), "--resolve", HOST + "=127.0.0.1")));
      assertThat(ok).noneMatch(c -> c.contains("web.tls-"));
      List<String> bad = checks(findings(run("check-site", expired.url(HOST).toString(), "--state",
          tmp.resolve("b").toString(), "--json", "--ca-file", pem.toString(), "--resolve", HOST + "=127.0.0.1")));
      assertThat(bad).contains("high:web.tls-expired");
    }
  }

  @Test
  void anUnreachableSiteStillExitsZeroWithAFinding() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Run r = run("check-site", "http://127.0.0.1:" + port + "/", "--state", tmp.resolve("c").toString(), "--json");
    assertThat(checks(findings(r))).containsExactly("low:web.unreachable");
    assertThat(r.err()).contains("run again in a few minutes");
  }

  @Test
  void badArgumentsExitNonZeroWithAClearMessageAndNoStdout() throws Exception {
    Run none = run("check-site", "--state", tmp.toString(), "--json");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("expected exactly one site URL");
    assertThat(none.out()).isEmpty();
    Run ftp = run("check-site", "ftp://example.jp/", "--state", tmp.toString(), "--json");
    assertThat(ftp.exit()).isEqualTo(2);
    assertThat(ftp.err()).contains("http:// or https://");
    Run noState = run("check-site", "https://example.jp/", "--json");
    assertThat(noState.exit()).isEqualTo(2);
    assertThat(noState.err()).contains("--state is required");
    Run badCa = run("check-site", "https://example.jp/", "--state", tmp.toString(), "--json", "--ca-file",
        tmp.resolve("missing.pem").toString());
    assertThat(badCa.exit()).isEqualTo(2);
    assertThat(badCa.err()).contains("--ca-file").contains("missing.pem");
    assertThat(badCa.out()).isEmpty();
  }

  @Test
  void logsToStderrWithIsoTimesWithoutLoadingJoranOrAnXmlParser() throws Exception {
    try (TestSite site = TestSite.http()) {
      site.handler(new CompanySite());
      Path classes = tmp.resolve("classes.log");
      // a check-site run logs nothing at INFO; a wrong MAMORI_LOG_LEVEL makes the configurator itself log a warning
      Run r = run(Map.of("MAMORI_LOG_LEVEL", "loud"), List.of("-Xlog:class+load=info:file=" + classes), "check-site",
          site.url(HOST).toString(), "--state", tmp.resolve("s").toString(), "--json", "--resolve", HOST + "=127.0.0.1");
      findings(r);
      assertThat(r.err().lines()).anyMatch(Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"
          + " WARN  \\[BoxLogConfigurator\\] MAMORI_LOG_LEVEL='loud' is not a log level .*").asMatchPredicate());
      List<String> loaded = Files.readAllLines(classes);
      assertThat(loaded).anyMatch(l -> l.contains(" jp.mamori.agent.log.BoxLogConfigurator "));
      // logback's ContextInitializer declares JoranException, so that one class loads; nothing of Joran runs
      assertThat(loaded).filteredOn(l -> !l.contains(" ch.qos.logback.core.joran.spi.JoranException "))
          .noneMatch(l -> l.contains(" ch.qos.logback.core.joran.") || l.contains(" ch.qos.logback.classic.joran.")
              || l.contains(" javax.xml.") || l.contains(" com.sun.org.apache.xerces.") || l.contains(" jdk.xml."));
    }
  }
}
