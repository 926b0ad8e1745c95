package jp.mamori.checks.lan;

import static jp.mamori.checks.lan.ScanTestSupport.atLeastMedium;
import static jp.mamori.checks.lan.ScanTestSupport.of;
import static jp.mamori.checks.lan.ScanTestSupport.scan;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.testing.OwnNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the second namespace lab (bench/lan-lab2.sh) showed the scanner missed, as in-process fake devices:
 * telnet logins that end in a menu or ask only for a password, telnet shells without any login, logins
 * behind a link or inside a frame, form logins whose success page is as short as the failure page,
 * consoles recognised by the administration they offer, and TLS 1.3-only admin pages.
 */
class RedTeamDeviceTest {
  @BeforeAll
  static void onlyInItsOwnNetwork() {
    OwnNetwork.require("RedTeamDeviceTest");
  }


  /** A telnet device: option negotiation first, then {@code dialogue} on plain lines (IAC answers skipped). */
  interface Dialogue {
    void run(InputStream in, OutputStream out) throws Exception;
  }

  static FakeServer telnet(Dialogue d) throws IOException {
    return new FakeServer((in, out, s) -> {
      out.write(new byte[] {(byte) 0xff, (byte) 0xfb, 1, (byte) 0xff, (byte) 0xfd, 0x18});
      out.flush();
      d.run(in, out);
    });
  }

  static void say(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == 0xff) {
        in.read();
        in.read();
      } else if (c == '\n') {
        break;
      } else if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Test
  void aTelnetRouterThatLocksTheBoxOutMidwayLeavesItsAlertsOpen() throws Exception {
    AtomicInteger logins = new AtomicInteger();
    try (FakeServer router = telnet((in, out) -> {
      if (logins.get() >= 2) {
        say(out, "\r\nToo many failed logins. Try again later.\r\n");
        return;
      }
      say(out, "\r\nOFFICE-RT200\r\n\r\nUsername: ");
      line(in);
      say(out, "Password: ");
      line(in);
      logins.incrementAndGet();
      say(out, "\r\nAuthentication failed.\r\n");
    })) {
      LanScanner.Result r = scan(router.target());
      assertThat(of(r, "lan.default-login")).isEmpty();
      assertThat(r.errors()).singleElement().asString().contains("no login prompt any more");
      assertThat(r.run().report().covers("lan.default-login", router.text())).isFalse();
    }
  }

  @Test
  void telnetLoginThatEndsInAMenuIsFoundAgainstAWrongPasswordBaseline() throws Exception {
    AtomicInteger logins = new AtomicInteger();
    try (FakeServer router = telnet((in, out) -> {
      say(out, "\r\nOFFICE-RT200\r\n\r\nUsername: ");
      String u = line(in);
      say(out, "Password: ");
      String p = line(in);
      logins.incrementAndGet();
      if (u.equals("admin") && p.equals("1234")) {
        say(out, "\r\n  1. Status\r\n  2. LAN setup\r\n  9. Reboot\r\n\r\nEnter selection: ");
        line(in);
        return;
      }
      say(out, "\r\nAuthentication failed.\r\n");
    })) {
      LanScanner.Result r = scan(router.target());
      Finding f = of(r, "lan.default-login").get(0);
      assertThat(f.point()).isEqualTo(3);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.evidence().getString("user")).isEqualTo("admin");
      assertThat(f.evidence().getString("answer")).contains("Enter selection");
      assertThat(of(r, "lan.telnet-open")).singleElement().satisfies(t -> assertThat(t.severity()).isEqualTo(Severity.MEDIUM));
      assertThat(logins.get()).isLessThanOrEqualTo(Attempts.MAX_PER_SERVICE);
    }
  }

  @Test
  void passwordOnlyTelnetConsoleGetsPasswordsAndAnEmptyOneIsFound() throws Exception {
    try (FakeServer console = telnet((in, out) -> {
      say(out, "\r\nPassword: ");
      if (line(in).isEmpty()) {
        say(out, "\r\nRT-100 Rev.11.01.34\r\n\r\n> ");
        line(in);
        return;
      }
      say(out, "\r\nIncorrect password.\r\n");
    })) {
      Finding f = of(scan(console.target()), "lan.default-login").get(0);
      assertThat(f.evidence().getString("user")).isEqualTo(Telnet.NO_USER);
      assertThat(f.evidence().getString("password")).isEqualTo("(empty)");
    }
  }

  @Test
  void telnetThatSeemsToAcceptAnyPasswordIsNotCalledADefaultLogin() throws Exception {
    try (FakeServer odd = telnet((in, out) -> {
      say(out, "login: ");
      line(in);
      say(out, "Password: ");
      line(in);
      say(out, "\r\nWelcome\r\n$ ");
      line(in);
    })) {
      LanScanner.Result r = scan(odd.target());
      assertThat(of(r, "lan.default-login")).isEmpty();
      assertThat(atLeastMedium(r)).extracting(Finding::check).containsExactly("lan.telnet-open");
    }
  }

  @Test
  void telnetShellWithoutAnyLoginIsNoAuth() throws Exception {
    try (FakeServer shell = telnet((in, out) -> {
      say(out, "\r\nBusyBox v1.22.1 built-in shell (ash)\r\n# ");
      line(in);
    })) {
      Finding f = of(scan(shell.target()), "lan.no-auth").get(0);
      assertThat(f.point()).isEqualTo(3);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.title().en()).contains("Telnet");
    }
  }

  static String basic(String head) {
    return head.lines().filter(l -> l.regionMatches(true, 0, "authorization: basic ", 0, 21)).findFirst()
        .map(l -> new String(Base64.getDecoder().decode(l.substring(21).strip()), StandardCharsets.UTF_8)).orElse(null);
  }

  static FakeServer routerWithAdminArea(String password) throws IOException {
    return new FakeServer((in, out, s) -> {
      String head = FakeServer.readHead(in);
      if (head.startsWith("GET /admin/")) {
        if (("admin:" + password).equals(basic(head))) {
          FakeServer.http(out, 200, "", "<html><title>Admin</title></html>");
        } else {
          FakeServer.http(out, 401, "WWW-Authenticate: Basic realm=\"RT300\"\r\n", "");
        }
        return;
      }
      FakeServer.http(out, 200, "Content-Type: text/html\r\n", "<html><head><title>RT300 Router</title></head><body>"
          + "<a href=\"/news.html\">お知らせ</a> <a href=\"/admin/\">詳細設定はこちら</a></body></html>");
    });
  }

  @Test
  void basicAuthBehindALinkOfAnOpenHomePageIsTried() throws Exception {
    try (FakeServer web = routerWithAdminArea("1234")) {
      LanScanner.Result r = scan(web.target());
      Finding f = of(r, "lan.default-login").get(0);
      assertThat(f.evidence().getString("url")).endsWith("/admin/");
      assertThat(f.evidence().getString("auth")).isEqualTo("basic");
      assertThat(of(r, "lan.console-open")).as("the home page only leads to the login").isEmpty();
    }
  }

  @Test
  void homePageOfARouterWhoseAdminAreaHasAGoodPasswordIsQuiet() throws Exception {
    try (FakeServer web = routerWithAdminArea("Vq8-tR2m-Kp5z")) {
      assertThat(atLeastMedium(scan(web.target()))).isEmpty();
    }
  }

  @Test
  void loginFormInsideAFrameWhoseSuccessPageIsAsShortAsTheFailurePage() throws Exception {
    AtomicInteger posts = new AtomicInteger();
    try (FakeServer web = new FakeServer((in, out, s) -> {
      String head = FakeServer.readHead(in);
      if (head.startsWith("POST /cgi-bin/login.cgi")) {
        posts.incrementAndGet();
        String form = new String(FakeServer.readBody(in, head), StandardCharsets.UTF_8);
        if (form.contains("username=admin&") && form.contains("passwd=password")) {
          FakeServer.http(out, 200, "Set-Cookie: SID=42; path=/\r\n",
              "<html><head><meta http-equiv=\"refresh\" content=\"0; url=/status.html\"></head><body>OK</body></html>");
        } else {
          FakeServer.http(out, 200, "", "<html><body><p>ユーザー名またはパスワードが正しくありません。</p></body></html>");
        }
        return;
      }
      if (head.startsWith("GET /login.html")) {
        FakeServer.http(out, 200, "", "<html><body><form method=post action=/cgi-bin/login.cgi><input type=text name=username>"
            + "<input type=password name=passwd><input type=hidden name=page value=status></form></body></html>");
        return;
      }
      FakeServer.http(out, 200, "", "<html><head><title>Broadband Router</title></head><frameset rows=\"60,*\">"
          + "<frame src=\"top.html\"><frame src=\"login.html\"></frameset></html>");
    })) {
      LanScanner.Result r = scan(web.target());
      Finding f = of(r, "lan.default-login").get(0);
      assertThat(f.evidence().getString("url")).endsWith("/login.html");
      assertThat(f.evidence().getString("auth")).isEqualTo("form");
      assertThat(of(r, "lan.console-open")).as("a router title, but its login is in the frame").isEmpty();
      assertThat(posts.get()).isLessThanOrEqualTo(Attempts.MAX_PER_SERVICE);
    }
  }

  @Test
  void passwordOnlyLoginPageSentWith401AndAOneTimeTokenIsTried() throws Exception {
    java.util.Set<String> issued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicInteger posts = new AtomicInteger();
    AtomicInteger replayed = new AtomicInteger();
    try (FakeServer printer = new FakeServer((in, out, s) -> {
      String head = FakeServer.readHead(in);
      if (head.startsWith("POST /login")) {
        posts.incrementAndGet();
        String form = new String(FakeServer.readBody(in, head), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("token=(\\w+)").matcher(form);
        if (!m.find() || !issued.remove(m.group(1))) {
          replayed.incrementAndGet();
          FakeServer.http(out, 403, "", "<html><body>invalid token</body></html>");
        } else if (form.contains("pw=7654321")) {
          FakeServer.http(out, 302, "Location: /top.html\r\n", "");
        } else {
          FakeServer.http(out, 401, "", "<html><body>パスワードが違います<form method=post action=/login>"
              + "<input type=password name=pw></form></body></html>");
        }
        return;
      }
      String token = Long.toHexString(new java.util.Random().nextLong() & Long.MAX_VALUE);
      issued.add(token);
      FakeServer.http(out, 401, "Set-Cookie: s=" + token + "\r\n", "<html><head><title>Login</title></head><body>"
          + "<form method=post action=/login><input type=hidden name=token value=" + token + ">"
          + "管理者パスワード <input type=password name=pw><input type=submit value=OK></form></body></html>");
    })) {
      Finding f = of(scan(printer.target()), "lan.default-login").get(0);
      assertThat(f.evidence().getString("user")).isEqualTo(Telnet.NO_USER);
      assertThat(replayed.get()).as("every attempt posted a fresh token").isZero();
      assertThat(posts.get()).isLessThanOrEqualTo(Attempts.MAX_PER_SERVICE);
    }
  }

  @Test
  void pageOfferingFirmwareUpdateAndRebootWithoutLoginIsAnOpenConsole() throws Exception {
    try (FakeServer web = new FakeServer((in, out, s) -> {
      FakeServer.readHead(in);
      FakeServer.http(out, 200, "", "<html><head><title>NAS-2F</title></head><body><h1>NAS-2F</h1><ul>"
          + "<li><a href=/share.html>共有フォルダー</a><li><a href=/users.html>ユーザー管理</a><li><a href=/fw.html>ファームウェア更新</a>"
          + "<li><a href=/rb.html>再起動</a></ul></body></html>");
    })) {
      Finding f = of(scan(web.target()), "lan.console-open").get(0);
      assertThat(f.point()).isEqualTo(4);
      assertThat(f.evidence().getString("keyword")).contains("ファームウェア更新").contains("再起動");
    }
  }

  @Test
  void consoleWordsAreWholeWordsInLatinScript() {
    assertThat(HttpCheck.mentions("nas admin", "admin")).isTrue();
    assertThat(HttpCheck.mentions("badminton club", "admin")).isFalse();
    assertThat(HttpCheck.mentions("router-admin", "admin")).isTrue();
    assertThat(HttpCheck.mentions("複合機の管理者設定", "管理者")).isTrue();
  }

  @Test
  void ordinaryIntranetPageWithManyLinksStaysQuietAndIsNotCrawled() throws Exception {
    AtomicInteger gets = new AtomicInteger();
    StringBuilder links = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      links.append("<a href=\"/news/").append(i).append(".html\">お知らせ ").append(i).append("</a> ");
    }
    try (FakeServer web = new FakeServer((in, out, s) -> {
      if (FakeServer.readHead(in).startsWith("GET /news/")) {
        gets.incrementAndGet();
      }
      FakeServer.http(out, 200, "", "<html><head><title>社内ポータル</title></head><body><h1>お知らせ</h1>"
          + "<p>DHCP: 無効</p>" + links + "<a href=\"/reboot.html\">PCの再起動のお願い</a> <a href=\"/pw.html\">パスワード変更の手順</a></body></html>");
    })) {
      assertThat(atLeastMedium(scan(web.target()))).isEmpty();
      assertThat(gets.get()).as("linked pages fetched").isBetween(1, 4);
    }
  }

  @Test
  void tls13OnlyAdminPageStillHasItsDefaultLoginTried(@TempDir Path dir) throws Exception {
    Path ks = dir.resolve("device.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
        "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-alias", "device", "-keyalg", "EC",
        "-dname", "CN=device.local", "-validity", "30").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    try (SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      server.setEnabledProtocols(new String[] {"TLSv1.3"});
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try (var s = server.accept()) {
            s.setSoTimeout(3000);
            String head = FakeServer.readHead(s.getInputStream());
            if ("admin:admin".equals(basic(head))) {
              FakeServer.http(s.getOutputStream(), 200, "", "<html><title>Admin</title></html>");
            } else {
              FakeServer.http(s.getOutputStream(), 401, "WWW-Authenticate: Basic realm=\"Admin\"\r\n", "");
            }
          } catch (IOException e) {
            // a probe that was not TLS 1.3, or the test ended
          }
        }
      });
      t.setDaemon(true);
      t.start();
      LanScanner.Result r = scan(new Target(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      assertThat(of(r, "lan.default-login")).singleElement().satisfies(f -> assertThat(f.evidence().getString("url")).startsWith("https://"));
      assertThat(of(r, "lan.tls-legacy")).isEmpty();
    }
  }

  @Test
  void snmpCommunitiesAreDataWithinOneServiceBudget() {
    assertThat(LanData.get().snmpCommunities()).startsWith("public", "private").hasSizeLessThanOrEqualTo(Attempts.MAX_PER_SERVICE)
        .doesNotHaveDuplicates();
  }

  @Test
  void distroTagsInServerHeadersAndTelnetBannersAreEndOfLifeButCurrentOnesAreNot() {
    LanData d = LanData.get();
    assertThat(d.eol("http-server", "Apache/2.4.10 (Debian)").orElseThrow().entry().product()).isEqualTo("Debian 8 (jessie)");
    assertThat(d.eol("http-server", "Apache/2.4.29 (Ubuntu)").orElseThrow().entry().severity()).isEqualTo(Severity.MEDIUM);
    assertThat(d.eol("http-server", "Apache/2.4.62 (Debian)")).isEmpty();
    assertThat(d.eol("http-server", "nginx/1.22.1")).isEmpty();
    assertThat(d.eol("http-server", "lighttpd/1.4.69")).isEmpty();
    assertThat(d.eol("http-server", "Apache/2.2.3 (CentOS) OpenSSL/0.9.8e").orElseThrow().entry().product()).isEqualTo("Apache httpd 2.2");
    assertThat(d.eol("http-server", "nginx/1.24.0 OpenSSL/1.0.2k").orElseThrow().entry().product()).isEqualTo("OpenSSL 1.0.2");
    assertThat(d.eol("telnet", "Debian GNU/Linux 9")).isPresent();
    assertThat(d.eol("telnet", "Debian GNU/Linux 12")).isEmpty();
    assertThat(d.eol("ssh", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10")).isEmpty();
  }

  @Test
  void commonShareNamesAreDataAndShort() {
    List<String> names = LanData.read("share-names.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(names).contains("share", "public").hasSizeLessThanOrEqualTo(24);
  }
}
