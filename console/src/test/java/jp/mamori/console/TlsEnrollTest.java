package jp.mamori.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.enroll.EnrollCommand;
import jp.mamori.console.auth.Role;
import jp.mamori.testing.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS is the norm between box and console; a chamber's own CA works through --ca-file, and nothing else is trusted. */
class TlsEnrollTest {
  @TempDir Path tmp;

  int enroll(String url, String token, Path config, Path ca, ByteArrayOutputStream err) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--console", url, "--token", token, "--config", config.toString()));
    if (ca != null) {
      args.addAll(List.of("--ca-file", ca.toString()));
    }
    return new EnrollCommand().run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void enrollsOverTlsWithTheChambersCaOnly() throws Exception {
    TestCa ca = new TestCa("Test Chamber CA");
    Path caFile = ca.writeCa(tmp.resolve("ca.pem"));
    TestCa.Issued server = ca.issue(tmp.resolve("tls"), "console", List.of("localhost", "127.0.0.1"));
    Vertx vertx = Vertx.vertx();
    ConsoleServer console = new ConsoleServer(new ConsoleServer.Options(tmp.resolve("console"), "127.0.0.1", 0,
        Optional.of(server.certFile()), Optional.of(server.keyFile()), ConsoleHarness.TEST_ITERATIONS), Clock.systemUTC());
    try {
      vertx.deployVerticle(console).await(30, TimeUnit.SECONDS);
      assertThat(console.url()).startsWith("https://");
      Services s = console.services();
      long chamber = s.db().write(c -> s.tenants().createChamber(c, "tls-test", "TLS商工会議所")).await(10, TimeUnit.SECONDS);
      long sme = s.db().write(c -> s.tenants().createSme(c, chamber, new io.vertx.core.json.JsonObject().put("name", "試験"))).await(10, TimeUnit.SECONDS);
      String hash = s.users().hash(ConsoleHarness.PASSWORD);
      long admin = s.db().write(c -> s.users().create(c, new jp.mamori.console.auth.Users.NewUser("a@example.jp", "a", ConsoleHarness.PASSWORD,
          Role.CHAMBER_ADMIN, Set.of(chamber), null), hash)).await(10, TimeUnit.SECONDS);
      String token = s.db().write(c -> s.boxes().createToken(c, sme, admin, java.time.Duration.ofDays(1))).await(10, TimeUnit.SECONDS);
      String url = console.url().replace("127.0.0.1", "localhost");

      ByteArrayOutputStream untrusted = new ByteArrayOutputStream();
      assertThat(enroll(url, token, tmp.resolve("x.conf"), null, untrusted)).isEqualTo(1);
      assertThat(untrusted.toString(StandardCharsets.UTF_8)).contains("not trusted").contains("--ca-file");

      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Path config = tmp.resolve("agent.conf");
      assertThat(enroll(url, token, config, caFile, err)).as(err.toString(StandardCharsets.UTF_8)).isZero();
      AgentConfig cfg = AgentConfig.load(config);
      assertThat(cfg.consoleCaFile()).contains(caFile.toAbsolutePath());
      assertThat(cfg.consoleUrl().getScheme()).isEqualTo("https");
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
