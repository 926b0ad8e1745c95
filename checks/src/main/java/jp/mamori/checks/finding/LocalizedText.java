package jp.mamori.checks.finding;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** A text shown to people, Japanese first. */
public record LocalizedText(String ja, String en) {

  public LocalizedText {
    Objects.requireNonNull(ja, "ja");
    Objects.requireNonNull(en, "en");
  }

  public String in(String lang) {
    return "en".equals(lang) ? en : ja;
  }

  public JsonObject toJson() {
    return new JsonObject().put("ja", ja).put("en", en);
  }
}
