package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OriginRulesTest {
  final OriginRules rules = new OriginRules(WebRules.get());

  @Test
  void lookAlikesOfWellKnownCdns() {
    assertThat(rules.typosquatOf("code.jquery.co")).contains("code.jquery.com");
    assertThat(rules.typosquatOf("ajax.googleapis.co")).isPresent();
    assertThat(rules.typosquatOf("cdnjs.cloudfiare.com")).isPresent();
    assertThat(rules.typosquatOf("www.google-anaiytics.com")).isPresent();
    assertThat(rules.typosquatOf("c0de.jquery.com")).isEmpty(); // a subdomain of the real one is not a look-alike
    assertThat(rules.typosquatOf("cdn.jsdeliver.net")).isPresent();
    assertThat(rules.typosquatOf("jquery-cdn.net")).isPresent();
    assertThat(rules.typosquatOf("googletagmanager.com.analytics-cdn.example")).isPresent();
    for (String real : new String[] {"code.jquery.com", "fonts.googleapis.com", "cdn.jsdelivr.net", "www.googletagmanager.com",
        "cdnjs.cloudflare.com", "www.google-analytics.com", "www.youtube.com", "player.vimeo.com", "jqueryui.com",
        "www.yamada-seiko.co.jp", "static.example-shop.jp", "www.osaka.cci.or.jp"}) {
      assertThat(rules.typosquatOf(real)).as(real).isEmpty();
    }
  }

  @Test
  void suspicionWithoutBaseline() {
    assertThat(rules.suspicion("203.0.113.9")).contains("ip-address");
    assertThat(rules.suspicion("raw.githubusercontent.com")).contains("paste-site");
    assertThat(rules.suspicion("stats.example.xyz")).contains("throw-away-tld");
    assertThat(rules.suspicion("widget.example.jp")).isEmpty();
    assertThat(rules.suspicion("127.0.0.1")).isEmpty();
    assertThat(rules.suspicion("storage.googleapis.com")).contains("paste-site");
    assertThat(rules.suspicion("evil-bucket.s3.amazonaws.com")).contains("paste-site");
    assertThat(rules.suspicion("fonts.googleapis.com")).isEmpty();
  }

  @Test
  void sitesAndAddresses() throws Exception {
    assertThat(Sites.registrableDomain("www.yamada.co.jp")).isEqualTo("yamada.co.jp");
    assertThat(Sites.registrableDomain("a.b.example.com")).isEqualTo("example.com");
    assertThat(Sites.sameSite(URI.create("http://example.jp/"), URI.create("https://www.example.jp/x"))).isTrue();
    assertThat(Sites.sameSite(URI.create("http://127.0.0.1:80/"), URI.create("http://127.0.0.1:81/"))).isFalse();
    assertThat(Sites.isPrivate(InetAddress.getByName("10.1.2.3"))).isTrue();
    assertThat(Sites.isPrivate(InetAddress.getByName("169.254.169.254"))).isTrue();
    assertThat(Sites.isPrivate(InetAddress.getByName("fd00::1"))).isTrue();
    assertThat(Sites.isPrivate(InetAddress.getByName("203.0.113.5"))).isFalse();
    assertThat(Sites.isSpecialUseName("shop.test")).isTrue();
    assertThat(Sites.isSpecialUseName("example.co.jp")).isFalse();
  }

  @Test
  void internationalisedLookAlikesAndUserContentOnPublicCdns() {
    // a Cyrillic е in jquery: the URL keeps a host (in punycode) and reads as a look-alike
    URI u = Sites.resolve(URI.create("https://www.example.jp/"), "https://code.jqu\u0435ry.com/jquery.min.js");
    assertThat(u).isNotNull();
    assertThat(Sites.host(u)).startsWith("code.xn--");
    assertThat(rules.typosquatOf(Sites.host(u))).contains("code.jquery.com");
    // real internationalised names are left alone
    assertThat(rules.typosquatOf(java.net.IDN.toASCII("www.日本酒.jp"))).isEmpty();
    assertThat(OriginRules.userContentOrigin(URI.create("https://cdn.jsdelivr.net/gh/someone/repo@main/x.js")))
        .contains("cdn.jsdelivr.net/gh/someone");
    assertThat(OriginRules.userContentOrigin(URI.create("https://cdn.jsdelivr.net/npm/swiper@11/swiper.min.js"))).isEmpty();
    assertThat(OriginRules.userContentOrigin(URI.create("https://cdnjs.cloudflare.com/ajax/libs/x.js"))).isEmpty();
  }
}
