package jp.mamori.checks.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FindingTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);

  private Finding.Builder telnet(String target) {
    return CheckCatalog.get().finding("box.offline").target(target).observedAt(clock);
  }

  @Test
  void roundTripsThroughTheWireFormat() {
    Finding f = Finding.builder("web.hidden-iframe")
        .point(null)
        .severity(Severity.HIGH)
        .target("https://example.jp/")
        .title("隠しiframe", "Hidden iframe")
        .advice("制作会社に連絡してください", "Call your web agency")
        .identity("src", "https://evil.example/x")
        .evidence("snippet", "<iframe width=0>")
        .observedAt(clock)
        .build();
    JsonObject json = f.toJson();
    assertThat(json.fieldNames()).containsExactlyInAnyOrder(
        "id", "fingerprint", "check", "point", "severity", "target", "title", "advice", "evidence", "observedAt");
    assertThat(json.getString("severity")).isEqualTo("high");
    assertThat(json.getString("observedAt")).isEqualTo("2026-11-22T03:00:00Z");
    assertThat(Finding.fromJson(new JsonObject(json.encode()))).isEqualTo(f);
  }

  @Test
  void fingerprintIgnoresTimeAndSnippetButNotIdentity() {
    Finding a = telnet("192.0.2.1:23").identity("port", "23").evidence("banner", "login:").build();
    Finding b = telnet("192.0.2.1:23").identity("port", "23").evidence("banner", "other")
        .observedAt(Instant.parse("2027-01-01T00:00:00Z")).build();
    Finding c = telnet("192.0.2.1:23").identity("port", "2323").build();
    Finding d = telnet("192.0.2.2:23").identity("port", "23").build();
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).matches("[0-9a-f]{64}");
    assertThat(c.fingerprint()).isNotEqualTo(a.fingerprint());
    assertThat(d.fingerprint()).isNotEqualTo(a.fingerprint());
  }

  @Test
  void fingerprintPartsCannotBeShiftedIntoEachOther() {
    Finding a = telnet("ab").identity("k", "c").build();
    Finding b = telnet("a").identity("bk", "c").build();
    assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
  }

  @Test
  void snippetsAreCutTo500Characters() {
    String longText = "あ".repeat(2000);
    Finding f = telnet("h:1").evidence("snippet", longText)
        .evidence("nested", new JsonObject().put("deep", longText)).build();
    assertThat(f.evidence().getString("snippet")).hasSize(500).endsWith("…");
    assertThat(f.evidence().getJsonObject("nested").getString("deep")).hasSize(500);
    Finding.fromJson(f.toJson());
  }

  @Test
  void catalogueFillsPlaceholders() {
    Finding f = Finding.builder("lan.telnet-open").severity(Severity.MEDIUM).target("h:23")
        .title("{host} でTelnet", "Telnet on {host}").advice("a", "b").arg("host", "printer")
        .observedAt(clock).build();
    assertThat(f.title().ja()).isEqualTo("printer でTelnet");
    assertThat(f.title().en()).isEqualTo("Telnet on printer");
  }

  @Test
  void rejectsMalformedFindingsNamingTheField() {
    JsonObject good = telnet("h:1").build().toJson();
    assertThatThrownBy(() -> Finding.fromJson(good.copy().put("id", "nope")))
        .isInstanceOf(InvalidFindingException.class).hasMessageContaining("id is not a UUID");
    assertThatThrownBy(() -> Finding.fromJson(good.copy().put("point", 6)))
        .hasMessageContaining("point must be null or an integer 1-5");
    assertThatThrownBy(() -> Finding.fromJson(good.copy().put("severity", "urgent")))
        .hasMessageContaining("severity must be one of");
    assertThatThrownBy(() -> Finding.fromJson(good.copy().put("check", "Web Hidden")))
        .hasMessageContaining("check must be a dotted lowercase id");
    assertThatThrownBy(() -> Finding.fromJson(good.copy().put("fingerprint", "abc")))
        .hasMessageContaining("fingerprint must be 64");
    assertThatThrownBy(() -> Finding.fromJson(good.copy().put("title", new JsonObject().put("ja", "x"))))
        .hasMessageContaining("title.en is required");
    assertThatThrownBy(() -> Finding.fromJson(good.copy().put("evidence",
        new JsonObject().put("snippet", "x".repeat(501)))))
        .hasMessageContaining("evidence.snippet is longer than 500");
    assertThatThrownBy(() -> Finding.fromJson(good.copy().put("observedAt", "yesterday")))
        .hasMessageContaining("observedAt is not an ISO-8601");
    assertThatThrownBy(() -> Finding.fromJson(good.copy().put("target", 5)))
        .hasMessageContaining("target is required");
  }

  @Test
  void acceptsOffsetTimestampsAndUnknownFields() {
    JsonObject json = telnet("h:1").build().toJson().put("observedAt", "2026-11-22T12:00:00+09:00").put("future", 1);
    assertThat(Finding.fromJson(json).observedAt()).isEqualTo(Instant.parse("2026-11-22T03:00:00Z"));
  }

  @Test
  void runReportCoversByPrefixAndHost() {
    RunReport r = new RunReport(UUID.randomUUID(), List.of("web.", "lan.telnet-open"),
        List.of("https://example.jp/", "192.0.2.5"), Instant.EPOCH, Instant.EPOCH, Set.of("f"));
    assertThat(r.covers("web.hidden-iframe", "https://example.jp/contact")).isTrue();
    assertThat(r.covers("web.hidden-iframe", "https://example.jp.evil/")).isFalse();
    assertThat(r.covers("lan.telnet-open", "192.0.2.5:23")).isTrue();
    assertThat(r.covers("lan.telnet-open", "192.0.2.50:23")).isFalse();
    assertThat(r.covers("lan.ftp-anonymous", "192.0.2.5:21")).isFalse();
    assertThat(RunReport.fromJson(r.toJson())).isEqualTo(r);
  }

  @Test
  void catalogueEntriesAreComplete() {
    assertThat(CheckCatalog.get().entries()).isNotEmpty();
    CheckCatalog.get().entries().values().forEach(e -> {
      assertThat(e.title().ja()).isNotBlank();
      assertThat(e.advice().ja()).isNotBlank();
      assertThat(e.title().en()).isNotBlank();
      assertThat(e.advice().en()).isNotBlank();
    });
    assertThatThrownBy(() -> CheckCatalog.get().finding("web.nope"))
        .hasMessageContaining("web.nope is not in the catalogue");
  }
}
