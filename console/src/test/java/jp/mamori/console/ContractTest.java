package jp.mamori.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.OpenApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published contracts match the code: every API route is documented, every message exists in ja and en. */
class ContractTest {
  @TempDir Path tmp;

  @Test
  void everyApiRouteIsInTheOpenApiDocumentAndViceVersa() throws Exception {
    JsonObject doc = OpenApi.load();
    Set<String> documented = new TreeSet<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        documented.add(method.toUpperCase(Locale.ROOT) + " /api/v1" + path);
      }
    }
    Set<String> mounted = new TreeSet<>();
    try (ConsoleHarness console = new ConsoleHarness(tmp, Clock.systemUTC())) {
      for (Route r : console.server.routes()) {
        String path = r.getPath();
        if (path == null || !path.startsWith("/api/v1/") || r.methods() == null) {
          continue;
        }
        for (HttpMethod m : r.methods()) {
          mounted.add(m.name() + " " + path.replaceAll(":(\\w+)", "{$1}"));
        }
      }
    }
    assertThat(mounted).isNotEmpty();
    assertThat(documented).as("documented in openapi/*.json").containsAll(mounted);
    assertThat(mounted).as("implemented").containsAll(documented);
  }

  @Test
  void everyMessageExistsInJapaneseAndEnglish() throws Exception {
    for (String bundle : I18n.bundleNames()) {
      Properties ja = load(bundle + "_ja");
      Properties en = load(bundle + "_en");
      assertThat(ja.stringPropertyNames()).as(bundle + " ja vs en").containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
      ja.stringPropertyNames().forEach(k -> assertThat(ja.getProperty(k)).as(bundle + "_ja " + k).isNotBlank());
    }
  }

  private static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (InputStream in = ContractTest.class.getResourceAsStream("/jp/mamori/console/i18n/" + name + ".properties")) {
      assertThat(in).as(name + ".properties").isNotNull();
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return p;
  }
}
