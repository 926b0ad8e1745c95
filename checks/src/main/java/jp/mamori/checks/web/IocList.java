package jp.mamori.checks.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The console-distributed list of indicators, as {@code DATA_DIR/iocs.json}: either the bare list
 * {@code {"version": ..., "domains": [...], "scriptHashes": [...]}} or the verified rules payload the console
 * signs ({@code {"version": ..., "data": {"iocs": {"domains": [...], "scriptHashes": [...]}}}}). Domains match
 * themselves and their subdomains; hashes are hex SHA-256 of a script's trimmed text.
 */
public record IocList(String version, Set<String> domains, Set<String> scriptSha256) {
  public static final IocList EMPTY = new IocList("none", Set.of(), Set.of());

  public static IocList load(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return EMPTY;
    }
    try {
      JsonObject top = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      JsonObject data = top.getJsonObject("data");
      JsonObject j = data != null && data.getJsonObject("iocs") != null ? data.getJsonObject("iocs") : top;
      Set<String> domains = new TreeSet<>();
      PatrolState.strings(j.getJsonArray("domains")).forEach(d -> domains.add(d.strip().toLowerCase(Locale.ROOT)));
      Set<String> hashes = new TreeSet<>();
      PatrolState.strings(j.getJsonArray("scriptHashes")).forEach(h -> hashes.add(h.strip().toLowerCase(Locale.ROOT)));
      PatrolState.strings(j.getJsonArray("scriptSha256")).forEach(h -> hashes.add(h.strip().toLowerCase(Locale.ROOT)));
      return new IocList(String.valueOf(top.getValue("version", "unknown")), domains, hashes);
    } catch (IOException | DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("IoC list " + file + " is not valid JSON {version, domains, scriptHashes}: "
          + e.getMessage(), e);
    }
  }

  public boolean matchesDomain(String host) {
    return !domains.isEmpty() && WebRules.listed(domains, host);
  }
}
