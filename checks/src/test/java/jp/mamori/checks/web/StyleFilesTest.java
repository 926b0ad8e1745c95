package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mamori.checks.web.PageFacts.Kind;
import jp.mamori.checks.web.PageFacts.Resource;
import org.junit.jupiter.api.Test;

class StyleFilesTest {
  static final URI PAGE = URI.create("https://www.example.co.jp/about/");

  static Resource sheet(String url) {
    return new Resource(Kind.STYLESHEET, URI.create(url), "", false, false);
  }

  @Test
  void readsImportsAndEveryNamedHostButNotCommentsOrDataUris() {
    URI file = URI.create("https://www.example.co.jp/wp-content/themes/child/style.css?ver=1");
    StyleFiles.Read r = StyleFiles.read("""
        /* @import url(https://commented.example/x.css); */
        @import url("https://cdn.bad.example/c.css");
        @import '/wp-content/themes/parent/style.css';
        @IMPORT "//fonts.googleapis.com/css2?family=Zen+Maru+Gothic";
        @font-face{font-family:k;src:url(https://fonts.ioc.example/k.woff2) format('woff2')}
        .hero{background:url('/img/hero.jpg')} .x{background-image:url(data:image/png;base64,iVBORw0KGgo=)}
        .y{background:url( //img.other.example/bg.png )}
        """, file);
    assertThat(r.imports()).extracting(URI::getHost).containsExactly("cdn.bad.example", "fonts.googleapis.com");
    assertThat(r.hosts()).contains("cdn.bad.example", "fonts.ioc.example", "img.other.example", "www.example.co.jp")
        .doesNotContain("commented.example");
  }

  @Test
  void choosesTheSiteOwnSheetsThemeAndChildFirstAtMostSix() {
    List<Resource> sheets = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sheets.add(sheet("https://www.example.co.jp/wp-content/plugins/p" + i + "/style.min.css?ver=1"));
    }
    sheets.add(sheet("https://www.example.co.jp/wp-includes/css/dist/block-library/style.min.css?ver=6.7"));
    sheets.add(sheet("https://fonts.googleapis.com/css2?family=Noto+Sans+JP"));
    sheets.add(sheet("https://www.example.co.jp/wp-content/themes/cocoon-child-master/style.css?ver=2"));
    sheets.add(sheet("https://www.example.co.jp/wp-content/themes/cocoon-child-master/style.css?ver=3"));
    sheets.add(sheet("https://www.example.co.jp/wp-content/themes/cocoon-master/style.css?ver=2"));
    PageFacts page = PageFacts.loadsOf(PAGE, sheets);
    Map<URI, URI> chosen = StyleFiles.choose(List.of(page));
    assertThat(chosen).hasSize(StyleFiles.MAX_FILES).containsValue(PAGE);
    assertThat(chosen.keySet()).extracting(URI::getPath).startsWith("/wp-content/themes/cocoon-child-master/style.css",
        "/wp-content/themes/cocoon-master/style.css").doesNotContain("/wp-includes/css/dist/block-library/style.min.css");
    assertThat(chosen.keySet()).extracting(URI::getHost).containsOnly("www.example.co.jp");
    assertThat(Set.copyOf(chosen.keySet()).size()).isEqualTo(chosen.size());
  }

  @Test
  @org.junit.jupiter.api.Timeout(5)
  void hostileSheetsAreReadInLinearTime() {
    URI file = URI.create("https://www.example.co.jp/style.css");
    assertThat(StyleFiles.read("/*".repeat(200_000), file).hosts()).isEmpty();
    assertThat(StyleFiles.read("url(".repeat(100_000) + "@import url(" + "a".repeat(300_000), file).imports()).isEmpty();
    assertThat(StyleFiles.withoutComments("a/* x */b/* open")).isEqualTo("a b ");
  }
}
