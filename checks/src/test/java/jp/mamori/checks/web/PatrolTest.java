package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.checks.web.site.CompanySite;
import jp.mamori.checks.web.site.TestCerts;
import jp.mamori.checks.web.site.TestSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patrol behaviour around the content checks: TLS, availability confirmation, coverage, state. */
class PatrolTest {
  static final String HOST = "www.yamada-seiko.test";
  @TempDir
  Path dir;
  final StaticResolver resolver = new StaticResolver(null).map(HOST, "127.0.0.1");

  Patrol patrol(Clock clock) throws Exception {
    return new Patrol(PatrolOptions.defaults().withTrust(List.of(TestCerts.get().caCert))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4)), resolver, clock);
  }

  static Map<String, Severity> checks(CheckRun run) {
    return run.findings().stream().collect(Collectors.toMap(Finding::check, Finding::severity, Severity::max));
  }

  CheckRun httpsPatrol(List<String> names, Instant from, Instant to, boolean selfSigned, String... protocols)
      throws Exception {
    SSLContext ctx = TestCerts.get().serverContext(names, from, to, selfSigned);
    try (TestSite site = TestSite.https(ctx, protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols)) {
      site.handler(new CompanySite());
      return patrol(Clock.systemUTC()).run(site.url(HOST), Files.createTempDirectory(dir, "s")).run();
    }
  }

  @Test
  void tlsProblemsAreReportedOnTheFirstRun() throws Exception {
    Instant now = Instant.now();
    Map<String, Severity> ok = checks(httpsPatrol(List.of(HOST), now.minusSeconds(3600), now.plus(Duration.ofDays(200)), false));
    assertThat(ok).doesNotContainKeys("web.tls-untrusted", "web.tls-hostname", "web.tls-expired", "web.tls-expiring",
        "web.tls-legacy-protocol");
    assertThat(ok.values()).noneMatch(Severity::needsPerson);

    assertThat(checks(httpsPatrol(List.of(HOST), now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)), false)))
        .containsEntry("web.tls-expired", Severity.HIGH);
    assertThat(checks(httpsPatrol(List.of(HOST), now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(20)), false)))
        .containsEntry("web.tls-expiring", Severity.MEDIUM);
    assertThat(checks(httpsPatrol(List.of(HOST), now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(10)), false)))
        .containsEntry("web.tls-expiring", Severity.HIGH);
    assertThat(checks(httpsPatrol(List.of(HOST), now.minusSeconds(60), now.plus(Duration.ofDays(90)), true)))
        .containsEntry("web.tls-untrusted", Severity.HIGH);
    assertThat(checks(httpsPatrol(List.of("other-company.test"), now.minusSeconds(60), now.plus(Duration.ofDays(90)), false)))
        .containsEntry("web.tls-hostname", Severity.HIGH);
    assertThat(checks(httpsPatrol(List.of(HOST), now.minusSeconds(60), now.plus(Duration.ofDays(90)), false,
        "TLSv1", "TLSv1.1", "TLSv1.2"))).containsEntry("web.tls-legacy-protocol", Severity.MEDIUM);
  }

  @Test
  void anOutageIsRaisedOnlyWhenTheReCheckConfirmsIt() throws Exception {
    CompanySite content = new CompanySite();
    try (TestSite site = TestSite.http()) {
      site.handler(content);
      URI url = site.url(HOST);
      Patrol p = patrol(Clock.systemUTC());
      CheckRun first = p.run(url, dir).run();
      assertThat(first.checks()).containsExactly("web.");
      assertThat(first.targets()).contains(url.toString());

      Function<TestSite.Request, TestSite.Reply> down = r -> TestSite.Reply.status(503);
      content.override = down;
      Patrol.Result once = p.run(url, dir);
      assertThat(checks(once.run())).containsEntry("web.unreachable", Severity.LOW);
      assertThat(once.recheckAfter()).isEqualTo(Patrol.RECHECK);
      // what could not be checked is not claimed, so the console keeps other alerts open
      assertThat(once.run().checks()).doesNotContain("web.").contains("web.unreachable");

      Patrol.Result twice = p.run(url, dir);
      assertThat(checks(twice.run())).containsEntry("web.unreachable", Severity.MEDIUM);
      assertThat(twice.recheckAfter()).isNull();
      assertThat(twice.run().findings().get(0).fingerprint()).isEqualTo(once.run().findings().get(0).fingerprint());

      content.override = r -> null;
      Patrol.Result back = p.run(url, dir);
      assertThat(checks(back.run())).doesNotContainKey("web.unreachable");
      assertThat(back.run().checks()).containsExactly("web.");
    }
  }

  @Test
  void dnsAndRedirectChangesAreReportedForAWeekThenLearned() throws Exception {
    StaticResolver dns = resolver.record("yamada-seiko.test", "NS", "ns1.host.test.");
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    try (TestSite site = TestSite.http()) {
      site.handler(new CompanySite());
      URI url = site.url(HOST);
      Patrol day0 = new Patrol(PatrolOptions.defaults(), dns, Clock.fixed(t0, java.time.ZoneOffset.UTC));
      day0.run(url, dir);
      dns.record("yamada-seiko.test", "NS", "ns1.hijacked.example.");
      Patrol day1 = new Patrol(PatrolOptions.defaults(), dns, Clock.fixed(t0.plus(Duration.ofDays(1)),
          java.time.ZoneOffset.UTC));
      assertThat(checks(day1.run(url, dir).run())).containsEntry("web.dns-changed", Severity.MEDIUM);
      Patrol day9 = new Patrol(PatrolOptions.defaults(), dns, Clock.fixed(t0.plus(Duration.ofDays(9)),
          java.time.ZoneOffset.UTC));
      assertThat(checks(day9.run(url, dir).run())).doesNotContainKey("web.dns-changed");
    }
  }

  static String gtm(String id) {
    return "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});"
        + "var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src='https://www.googletagmanager.com/"
        + "gtm.js?id='+i;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','" + id + "');</script>";
  }

  @Test
  void aSecondTagManagerContainerIsRaisedButAReplacementOrAFirstOneIsLearned() throws Exception {
    CompanySite company = new CompanySite();
    try (TestSite site = TestSite.http()) {
      site.handler(company);
      URI url = site.url(HOST);
      Patrol p = patrol(Clock.systemUTC());
      p.run(url, dir);
      company.headExtra = gtm("GTM-K9X8Y7");
      assertThat(checks(p.run(url, dir).run())).doesNotContainKey("web.new-script-origin");
      company.headExtra = gtm("GTM-K9X8Y7") + gtm("GTM-W2Q7ZPN");
      CheckRun second = p.run(url, dir).run();
      assertThat(second.findings()).anyMatch(f -> f.check().equals("web.new-script-origin")
          && f.severity() == Severity.MEDIUM && f.evidence().encode().contains("GTM-W2Q7ZPN"));
      company.headExtra = gtm("GTM-P4M1RTS");
      assertThat(checks(p.run(url, dir).run())).doesNotContainKey("web.new-script-origin");
    }
  }

  @Test
  void theSiteOwnStylesheetImportsAreComparedAndAnOlderBaselineLearnsThemOnce() throws Exception {
    CompanySite company = new CompanySite();
    company.headExtra = "<link rel=\"stylesheet\" href=\"/wp-content/themes/yamada/style.css?ver=1.2\">";
    company.files.put("/wp-content/themes/yamada/style.css", "@import url(https://fonts.legacy-webfont.example/a.css);"
        + "body{color:#333}");
    try (TestSite site = TestSite.http()) {
      site.handler(company);
      URI url = site.url(HOST);
      Patrol p = patrol(Clock.systemUTC());
      p.run(url, dir);
      // a baseline from before stylesheet files were read: it has never seen the import
      PatrolState old = PatrolState.load(dir);
      old.json().put("originKeys", 2).getJsonObject("origins").remove("STYLESHEET");
      old.save();
      assertThat(checks(p.run(url, dir).run())).doesNotContainKey("web.new-stylesheet-origin");
      company.files.put("/wp-content/themes/yamada/style.css", company.files.get("/wp-content/themes/yamada/style.css")
          + "\n@import url('//cdn.style-inject.example/s.css');");
      CheckRun changed = p.run(url, dir).run();
      assertThat(changed.findings()).anyMatch(f -> f.check().equals("web.new-stylesheet-origin")
          && f.evidence().encode().contains("style-inject.example"));
    }
  }

  @Test
  void aBrokenStateFileIsSetAsideAndLearningStartsAgain() throws Exception {
    Files.writeString(dir.resolve(PatrolState.FILE), "{not json");
    try (TestSite site = TestSite.http()) {
      site.handler(new CompanySite());
      CheckRun run = patrol(Clock.systemUTC()).run(site.url(HOST), dir).run();
      assertThat(run.findings()).noneMatch(f -> f.severity().needsPerson());
    }
    assertThat(dir.resolve(PatrolState.FILE + ".broken")).exists();
    assertThat(PatrolState.load(dir).runs()).isEqualTo(1);
  }

  @Test
  void findingsCarryPageSnippetAndPlainJapaneseAdvice() throws Exception {
    CompanySite content = new CompanySite();
    try (TestSite site = TestSite.http()) {
      site.handler(content);
      URI url = site.url(HOST);
      Patrol p = patrol(Clock.systemUTC());
      p.run(url, dir);
      content.pageExtra.put("/contact/", "<script src=\"https://evil-forms.example/f.js\"></script>");
      Finding f = p.run(url, dir).run().findings().stream().filter(x -> x.check().equals("web.new-script-origin"))
          .findFirst().orElseThrow();
      assertThat(f.target()).isEqualTo(url.resolve("/contact/").toString());
      assertThat(f.evidence().getString("snippet")).contains("evil-forms.example").hasSizeLessThanOrEqualTo(500);
      assertThat(f.evidence().getString("origin")).isEqualTo("https://evil-forms.example");
      assertThat(f.title().ja()).contains("evil-forms.example");
      assertThat(f.advice().ja()).contains("ホームページ制作会社").doesNotContain("{");
      Finding.fromJson(f.toJson());
    }
  }
}
