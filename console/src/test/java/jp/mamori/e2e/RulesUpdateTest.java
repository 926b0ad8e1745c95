package jp.mamori.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.daemon.AgentVerticle;
import jp.mamori.agent.enroll.EnrollCommand;
import jp.mamori.checks.web.IocList;
import jp.mamori.checks.web.site.CompanySite;
import jp.mamori.checks.web.site.TestSite;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed rule data from the real console to the real agent daemon over real HTTP: an advisor adds an IoC
 * domain, the heartbeat answer announces the new version, the box fetches and verifies it, reports it in its
 * heartbeat, and its next patrol of a loopback site that links the domain raises web.ioc-domain.
 */
class RulesUpdateTest {
  static final String IOC = "skimmer-cdn.example";

  @TempDir Path tmp;

  @Test
  void anIocAddedByAnAdvisorReachesTheBoxsPatrol() throws Exception {
    CompanySite content = new CompanySite();
    content.footerExtra = "<p><a href=\"https://shop." + IOC + "/sale\">セール会場</a></p>";
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC()); TestSite site = TestSite.http()) {
      site.handler(content);
      long chamber = console.chamber("osaka-test", "大阪テスト商工会議所");
      long sme = console.sme(chamber, "山田精工", site.url().toString());
      long advisor = console.user("advisor@example.jp", Role.ADVISOR, Set.of(chamber), null);
      Path config = enroll(console, sme, advisor);
      AgentConfig cfg = AgentConfig.load(config);
      assertThat(cfg.list(AgentConfig.SITES)).containsExactly(site.url().toString());
      Path data = cfg.dataDir(config);

      String deployment = console.vertx.deployVerticle(new AgentVerticle(cfg, config, Clock.systemUTC(), new SecureRandom()))
          .await(30, TimeUnit.SECONDS);
      JsonObject first = await("the box reports the console's first rule data", () -> {
        JsonObject s = status(console);
        return s != null && Long.valueOf(0).equals(s.getLong("rulesVersion")) ? s : null;
      });
      assertThat(first.getValue("rulesError")).isNull();
      await("the first patrol is delivered", () -> console.count("SELECT COUNT(*) FROM runs WHERE checks LIKE '%web.%'") >= 1 ? true : null);
      assertThat(iocAlerts(console)).as("the linked domain is not an indicator yet").isZero();
      assertThat(data.resolve("rules/signed.json")).exists();

      ApiClient desk = new ApiClient(console.vertx, console.url()).login("advisor@example.jp", ConsoleHarness.PASSWORD);
      assertThat(desk.post("/api/v1/chambers/" + chamber + "/iocs", new JsonObject().put("kind", "domain").put("value", IOC)
          .put("note", "相談で判明したスキマー配信元")).statusCode()).isEqualTo(201);
      await("the heartbeat answer brings the box to version 1", () -> {
        JsonObject s = status(console);
        return s != null && Long.valueOf(1).equals(s.getLong("rulesVersion")) ? s : null;
      });
      assertThat(IocList.load(data.resolve("iocs.json")).domains()).as("written for the patrol from the verified data").containsExactly(IOC);
      assertThat(new JsonObject(new JsonObject(Files.readString(data.resolve("rules/signed.json"))).getString("payload")).getLong("version"))
          .isEqualTo(1);

      assertThat(desk.get("/boxes").bodyAsString()).as("the advisor sees which rule data the box runs").contains("判定データ")
          .contains("v1").doesNotContain("更新できません");

      String boxId = cfg.require(AgentConfig.BOX_ID);
      var queued = desk.post("/api/v1/boxes/" + boxId + "/run-checks", new JsonObject());
      assertThat(queued.statusCode()).isEqualTo(202);
      assertThat(queued.bodyAsJsonObject().getString("message")).as("the desk knows how long to wait")
          .contains("next heartbeat").contains("a website patrol then takes about a minute");
      await("the next patrol raises web.ioc-domain", () -> iocAlerts(console) > 0 ? true : null);
      String severity = console.read(c -> Jdbc.one(c, "SELECT severity FROM alerts WHERE check_id = 'web.ioc-domain'", rs -> rs.getString(1))
          .orElseThrow());
      assertThat(severity).isEqualTo("high");
      assertThat(console.count("SELECT COUNT(*) FROM tickets WHERE sme_id = ?", sme)).as("high: escalated to the desk").isPositive();
      console.vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBoxEnrolledBeforeSignedRulesSaysSoAndKeepsItsBundledData() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC())) {
      long chamber = console.chamber("kyoto-test", "京都テスト商工会議所");
      long sme = console.sme(chamber, "もみじ商店", null);
      long admin = console.user("admin@example.jp", Role.CHAMBER_ADMIN, Set.of(chamber), null);
      Path config = enroll(console, sme, admin);
      AgentConfig old = AgentConfig.load(config).with(AgentConfig.RULES_PUBLIC_KEY, null).with(AgentConfig.RULES_KEY_ID, null);
      old.save(config);
      String deployment = console.vertx.deployVerticle(new AgentVerticle(old, config, Clock.systemUTC(), new SecureRandom()))
          .await(30, TimeUnit.SECONDS);
      JsonObject s = await("the heartbeat says why no rule data is used", () -> {
        JsonObject st = status(console);
        return st != null && st.getString("rulesError") != null ? st : null;
      });
      assertThat(s.getString("rulesError")).contains("no console signing key is pinned").contains("enroll it again");
      assertThat(s.getValue("rulesVersion")).isNull();
      assertThat(old.dataDir(config).resolve("rules/signed.json")).doesNotExist();
      String page = new ApiClient(console.vertx, console.url()).login("admin@example.jp", ConsoleHarness.PASSWORD).get("/boxes").bodyAsString();
      assertThat(page).contains("同梱版").contains("更新できません").contains("enroll it again");
      console.vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    }
  }

  private Path enroll(ConsoleHarness console, long sme, long by) throws Exception {
    Path config = tmp.resolve("box/agent.conf");
    int code = new EnrollCommand().run(List.of("--console", console.url(), "--token", console.enrollmentToken(sme, by),
        "--config", config.toString()), new PrintStream(new ByteArrayOutputStream()), System.err);
    assertThat(code).isZero();
    AgentConfig.load(config).with(AgentConfig.HEARTBEAT_SECONDS, "1").save(config);
    return config;
  }

  private static JsonObject status(ConsoleHarness console) throws Exception {
    return console.read(c -> Jdbc.one(c, "SELECT status_json FROM boxes WHERE status_json IS NOT NULL", rs -> new JsonObject(rs.getString(1)))
        .orElse(null));
  }

  private static long iocAlerts(ConsoleHarness console) throws Exception {
    return console.count("SELECT COUNT(*) FROM alerts WHERE check_id = 'web.ioc-domain'");
  }

  private static <T> T await(String what, Callable<T> probe) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      T v = probe.call();
      if (v != null) {
        return v;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting until " + what);
  }
}
