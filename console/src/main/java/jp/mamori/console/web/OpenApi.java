package jp.mamori.console.web;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI document at /api/v1/openapi.json, assembled from one fragment per feature
 * ({@code openapi/index.txt}) so features document their own paths and schemas.
 */
public final class OpenApi {
  private static final String DIR = "/jp/mamori/console/openapi/";

  private OpenApi() {}

  public static JsonObject load() {
    JsonObject doc = new JsonObject();
    for (String line : read("index.txt").split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      merge(doc, new JsonObject(read(name)), name);
    }
    return doc;
  }

  private static void merge(JsonObject into, JsonObject from, String file) {
    for (String key : from.fieldNames()) {
      Object v = from.getValue(key);
      Object existing = into.getValue(key);
      if (existing instanceof JsonObject e && v instanceof JsonObject f) {
        merge(e, f, file);
      } else if (existing != null) {
        throw new IllegalStateException("OpenAPI fragment " + file + " redefines " + key);
      } else {
        into.put(key, v);
      }
    }
  }

  private static String read(String name) {
    try (InputStream in = OpenApi.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing OpenAPI fragment " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read OpenAPI fragment " + name, e);
    }
  }
}
