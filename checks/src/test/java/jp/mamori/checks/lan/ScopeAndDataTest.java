package jp.mamori.checks.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import jp.mamori.checks.finding.CheckCatalog;
import jp.mamori.checks.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeAndDataTest {
  @Test
  void acceptsPrivateRangesUpToSlash22() {
    assertThat(Scope.parse("192.168.1.0/24", false).hosts()).hasSize(254);
    assertThat(Scope.parse("10.1.2.3/22", false).toString()).isEqualTo("10.1.0.0/22");
    assertThat(Scope.parse("172.31.0.0/30", false).hosts()).hasSize(2);
    assertThat(Scope.parse("fd00:1::/118", false).size()).isEqualTo(1024);
    assertThat(Scope.parse("127.0.0.0/27", true).isLoopback()).isTrue();
  }

  @Test
  void refusesPublicLargeLoopbackAndNames() {
    assertThatThrownBy(() -> Scope.parse("8.8.8.0/24", true)).hasMessageContaining("not a private range");
    assertThatThrownBy(() -> Scope.parse("172.32.0.0/24", true)).hasMessageContaining("not a private range");
    assertThatThrownBy(() -> Scope.parse("192.168.0.0/21", false)).hasMessageContaining("larger than /22");
    assertThatThrownBy(() -> Scope.parse("127.0.0.0/24", false)).hasMessageContaining("loopback");
    assertThatThrownBy(() -> Scope.parse("printer.local/24", true)).hasMessageContaining("host names are not accepted");
    assertThatThrownBy(() -> Scope.parse("192.168.1.0/x", true)).hasMessageContaining("prefix");
  }

  @Test
  void targetsAreIpLiteralsWithPorts() {
    assertThat(Target.parseList("127.0.0.5:21, [::1]:80").stream().map(Target::text)).containsExactly("127.0.0.5:21", "[0:0:0:0:0:0:0:1]:80");
    assertThatThrownBy(() -> Target.parse("router:80")).hasMessageContaining("IP address");
    assertThatThrownBy(() -> Target.parse("127.0.0.1")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> Target.parse("127.0.0.1:70000")).hasMessageContaining("outside");
  }

  @Test
  void publicTargetsAreRefusedBeforeAnyProbe() {
    assertThatThrownBy(() -> new LanScanner(ScanTestSupport.CLOCK).scan(LanScanner.Options.targets(
        java.util.List.of(Target.parse("8.8.8.8:53"))))).hasMessageContaining("never scanned");
  }

  @Test
  void eolTableKnowsDistroTagsWindowsBuildsAndIsData() {
    LanData d = LanData.get();
    assertThat(d.eol("ssh", "SSH-2.0-OpenSSH_6.0p1 Debian-4+deb7u2").orElseThrow().entry().product()).contains("Debian 7");
    assertThat(d.eol("ssh", "SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.7").orElseThrow().entry().product()).isEqualTo("Ubuntu 18.04");
    assertThat(d.eol("ssh", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")).isEmpty();
    assertThat(d.eol("windows", "10.0.19045").orElseThrow().entry().product()).isEqualTo("Windows 10");
    assertThat(d.eol("windows", "10.0.26200")).isEmpty();
    assertThat(d.eol("http-server", "Apache/2.2.15 (CentOS)").orElseThrow().entry().severity()).isEqualTo(Severity.MEDIUM);
    assertThat(d.eol("http-server", "PHP/7.4.3").orElseThrow().entry().severity()).isEqualTo(Severity.LOW);
    assertThat(LanData.eolPassed("2025-10-14", LocalDate.parse("2026-01-01"))).isTrue();
    assertThat(LanData.eolPassed("2028-06-30", LocalDate.parse("2026-01-01"))).isFalse();
  }

  @Test
  void ouiTableNamesVendorsAndRandomMacs() {
    assertThat(LanData.get().vendor("00:11:32:aa:bb:cc")).contains("Synology");
    assertThat(LanData.get().vendor("B8-27-EB-00-00-01")).contains("Raspberry Pi Foundation");
    assertThat(LanData.get().vendor("da:a1:19:00:00:01")).contains("(random/private MAC)");
  }

  @Test
  void loginBudgetStaysUnderTenAndFourPerAccount() {
    for (String service : new String[] {"http", "telnet", "ftp"}) {
      var plan = Attempts.plan(LanData.get(), service, 1);
      assertThat(plan).isNotEmpty().hasSizeLessThanOrEqualTo(Attempts.MAX_PER_SERVICE - 1);
      plan.stream().collect(java.util.stream.Collectors.groupingBy(c -> c.user().toLowerCase(), java.util.stream.Collectors.counting()))
          .values().forEach(n -> assertThat(n).isLessThanOrEqualTo(Attempts.MAX_PER_USER));
    }
  }

  @Test
  void everyLanCheckHasAPointAndJapaneseText() {
    CheckCatalog.get().entries().forEach((id, e) -> {
      if (id.startsWith("lan.") || id.startsWith("pc.")) {
        assertThat(e.point()).as(id).isBetween(1, 5);
        assertThat(e.title().ja()).as(id).isNotBlank();
      }
    });
  }

  @Test
  void arpTableKeepsCompleteEntriesOnly(@TempDir Path dir) throws Exception {
    Path arp = dir.resolve("arp");
    Files.writeString(arp, """
        IP address       HW type     Flags       HW address            Mask     Device
        192.168.1.20     0x1         0x2         00:11:32:aa:bb:cc     *        eth0
        192.168.1.21     0x1         0x0         00:00:00:00:00:00     *        eth0
        """);
    assertThat(Arp.read(arp)).containsOnlyKeys("192.168.1.20").containsValue("00:11:32:aa:bb:cc");
    assertThat(Arp.read(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void netbiosNodeStatusGivesNameAndMac() {
    byte[] r = new byte[57 + 18 * 2 + 6];
    r[0] = 0x4d;
    r[1] = 0x4d;
    r[56] = 2;
    System.arraycopy("NAS-3F         ".getBytes(), 0, r, 57, 15);
    System.arraycopy("OFFICE         ".getBytes(), 0, r, 75, 15);
    r[75 + 16] = (byte) 0x80;
    byte[] mac = {0x00, 0x11, 0x32, 0x01, 0x02, 0x03};
    System.arraycopy(mac, 0, r, 93, 6);
    LanContext ctx = ScanTestSupport.ctx();
    java.net.InetAddress host = java.net.InetAddress.getLoopbackAddress();
    assertThat(Netbios.parse(host, r, ctx)).isTrue();
    Inventory.Device d = ctx.inventory().device("127.0.0.1");
    assertThat(d.names()).containsExactly("netbios:NAS-3F");
    assertThat(d.mac()).isEqualTo("00:11:32:01:02:03");
    assertThat(d.vendor()).isEqualTo("Synology");
    assertThat(Netbios.parse(host, new byte[] {1, 2, 3}, ctx)).isFalse();
  }

  @Test
  void aServiceWhoseCheckDidNotFinishIsNotClaimedAndNarrowsItsHost() {
    Target vnc = Target.parse("192.168.1.20:5900");
    Target ssh = Target.parse("192.168.1.20:22");
    Target web = Target.parse("192.168.1.30:80");
    var claimed = LanScanner.claimed(java.util.List.of("192.168.1.20", "192.168.1.30", "192.168.1.40:8080"),
        java.util.List.of(vnc, ssh, web), java.util.Set.of(vnc, Target.parse("192.168.1.40:8080")));
    assertThat(claimed).containsExactly("192.168.1.20:22", "192.168.1.20:161", "192.168.1.20:1900", "192.168.1.30");
    var run = new jp.mamori.checks.finding.RunReport(java.util.UUID.randomUUID(), java.util.List.of("lan."), claimed,
        java.time.Instant.EPOCH, java.time.Instant.EPOCH, java.util.Set.of());
    assertThat(run.covers("lan.no-auth", vnc.text())).isFalse();
    assertThat(run.covers("lan.new-device", "192.168.1.20")).as("the host's own alerts stay open too").isFalse();
    assertThat(run.covers("lan.ssh-weak", ssh.text())).isTrue();
    assertThat(run.covers("lan.no-auth", "192.168.1.30:80")).isTrue();
  }
}
