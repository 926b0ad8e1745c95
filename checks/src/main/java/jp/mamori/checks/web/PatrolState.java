package jp.mamori.checks.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.mamori.common.AtomicFiles;

/**
 * What the patrol learned about one site, in {@code DIR/patrol-state.json}: the baseline origins per kind, the
 * known pages, summaries of the home page, the redirect chain, DNS records and the outage streak. Written
 * atomically; an unreadable file is kept aside and learning starts again rather than failing the patrol.
 */
public final class PatrolState {
  public static final String FILE = "patrol-state.json";
  static final int FORMAT = 1;

  private final Path file;
  private final JsonObject json;
  private final String discarded;

  private PatrolState(Path file, JsonObject json, String discarded) {
    this.file = file;
    this.json = json;
    this.discarded = discarded;
  }

  public static PatrolState load(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return new PatrolState(file, fresh(), null);
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      JsonObject j = new JsonObject(text);
      if (j.getInteger("format", 0) != FORMAT) {
        throw new DecodeException("unknown format " + j.getValue("format"));
      }
      return new PatrolState(file, j, null);
    } catch (DecodeException | ClassCastException e) {
      Path aside = dir.resolve(FILE + ".broken");
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      return new PatrolState(file, fresh(), "state file " + file + " was unreadable (" + e.getMessage()
          + "), moved to " + aside + "; learning the site again");
    }
  }

  private static JsonObject fresh() {
    return new JsonObject().put("format", FORMAT).put("runs", 0).put("homeFetches", 0).put("origins", new JsonObject());
  }

  /** Why an old state file was thrown away, if it was. */
  public String discarded() {
    return discarded;
  }

  public JsonObject json() {
    return json;
  }

  public int runs() {
    return json.getInteger("runs", 0);
  }

  /** The baseline counts once the home page was fetched at least twice on an earlier run. */
  public boolean hasBaseline() {
    return runs() >= 1 && json.getInteger("homeFetches", 0) >= 2;
  }

  public Set<String> origins(String kind) {
    return strings(json.getJsonObject("origins").getJsonArray(kind));
  }

  public void learnOrigins(String kind, Collection<String> values) {
    Set<String> all = origins(kind);
    all.addAll(values);
    json.getJsonObject("origins").put(kind, new JsonArray(new ArrayList<>(limit(all, 500))));
  }

  public List<String> list(String key) {
    return new ArrayList<>(strings(json.getJsonArray(key)));
  }

  public void putList(String key, Collection<String> values, int max) {
    json.put(key, new JsonArray(new ArrayList<>(limit(new LinkedHashSet<>(values), max))));
  }

  public static Set<String> strings(JsonArray a) {
    Set<String> out = new LinkedHashSet<>();
    if (a != null) {
      for (Object o : a) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  static List<Integer> ints(JsonArray a) {
    List<Integer> out = new ArrayList<>();
    if (a != null) {
      for (Object o : a) {
        if (o instanceof Number n) {
          out.add(n.intValue());
        }
      }
    }
    return out;
  }

  private static <T> Set<T> limit(Set<T> in, int max) {
    Set<T> out = new LinkedHashSet<>();
    for (T t : in) {
      if (out.size() >= max) {
        break;
      }
      out.add(t);
    }
    return out;
  }

  public void save() throws IOException {
    AtomicFiles.writeString(file, json.encodePrettily());
  }

}
