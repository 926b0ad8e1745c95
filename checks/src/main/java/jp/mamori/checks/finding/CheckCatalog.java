package jp.mamori.checks.finding;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each check means to people: IPA point, default severity, title and advice in Japanese and English.
 * Rule data, not code: the texts live in {@code jp/mamori/checks/catalog/*.json}, listed in {@code index.txt}.
 */
public final class CheckCatalog {
  private static final String BASE = "jp/mamori/checks/catalog/";
  private static volatile CheckCatalog defaultCatalog;

  private final Map<String, Entry> entries;

  public record Entry(String check, Integer point, Severity severity, LocalizedText title, LocalizedText advice) {}

  CheckCatalog(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  public static CheckCatalog get() {
    CheckCatalog c = defaultCatalog;
    if (c == null) {
      synchronized (CheckCatalog.class) {
        c = defaultCatalog;
        if (c == null) {
          c = load(CheckCatalog.class.getClassLoader());
          defaultCatalog = c;
        }
      }
    }
    return c;
  }

  static CheckCatalog load(ClassLoader loader) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (String file : read(loader, BASE + "index.txt").split("\n")) {
      String name = file.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      JsonObject json;
      try {
        json = new JsonObject(read(loader, BASE + name));
      } catch (DecodeException e) {
        throw new IllegalStateException("catalogue " + name + " is not valid JSON: " + e.getMessage(), e);
      }
      for (String check : json.fieldNames()) {
        if (entries.containsKey(check)) {
          throw new IllegalStateException("check " + check + " is defined twice (again in " + name + ")");
        }
        entries.put(check, parse(name, check, json.getJsonObject(check)));
      }
    }
    return new CheckCatalog(entries);
  }

  private static Entry parse(String file, String check, JsonObject e) {
    String where = file + ": " + check;
    if (!Finding.CHECK_ID.matcher(check).matches()) {
      throw new IllegalStateException(where + " is not a dotted lowercase check id");
    }
    Integer point = e.getInteger("point");
    if (point != null && (point < 1 || point > 5)) {
      throw new IllegalStateException(where + " has point " + point + " outside 1-5");
    }
    try {
      return new Entry(check, point, Severity.parse(e.getString("severity")), text(where, e, "title"), text(where, e, "advice"));
    } catch (IllegalArgumentException | NullPointerException ex) {
      throw new IllegalStateException(where + ": " + ex.getMessage(), ex);
    }
  }

  private static LocalizedText text(String where, JsonObject e, String field) {
    JsonObject t = e.getJsonObject(field);
    if (t == null || t.getString("ja") == null || t.getString("en") == null) {
      throw new IllegalStateException(where + " needs " + field + ".ja and " + field + ".en");
    }
    return new LocalizedText(t.getString("ja"), t.getString("en"));
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  public Optional<Entry> entry(String check) {
    return Optional.ofNullable(entries.get(check));
  }

  public Map<String, Entry> entries() {
    return entries;
  }

  /** A builder prefilled from the catalogue; the caller adds target, evidence, identity and placeholders. */
  public Finding.Builder finding(String check) {
    Entry e = entries.get(check);
    if (e == null) {
      throw new IllegalArgumentException("check " + check + " is not in the catalogue (jp/mamori/checks/catalog)");
    }
    return Finding.builder(check).point(e.point()).severity(e.severity()).title(e.title()).advice(e.advice());
  }
}
