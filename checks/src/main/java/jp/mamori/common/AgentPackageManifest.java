package jp.mamori.common;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The console's signed description of an agent package: {@code {type: "agent-package", package: "mamori-agent",
 * version, architecture: "all", file, size, sha256, publishedAt}} inside a {@link SignedEnvelope}. The console
 * writes it with {@link #payload}; the daemon (before it downloads) and the root-side installer (before it
 * installs) check it with {@link #verify}.
 */
public record AgentPackageManifest(String version, String file, long size, String sha256, Instant publishedAt, JsonObject envelope) {
  public static final String PACKAGE = "mamori-agent";
  public static final String TYPE = "agent-package";
  /** The agent .deb is about 30 MB; the console refuses uploads above 128 MiB. */
  public static final long MAX_SIZE = 128L * 1024 * 1024;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Why a manifest or its package was refused; the message says what was wrong. */
  public static final class RefusedException extends Exception {
    public RefusedException(String message) {
      super(message);
    }
  }

  /** The Debian file name of a version: {@code mamori-agent_<version>_all.deb} (an epoch's ':' as '%', as apt does). */
  public static String fileName(String version) {
    return PACKAGE + "_" + version.replace(':', '%') + "_all.deb";
  }

  /** The JSON text the console signs for a package it publishes. */
  public static String payload(String version, long size, String sha256, Instant publishedAt) {
    return new JsonObject().put("type", TYPE).put("package", PACKAGE).put("version", version).put("architecture", "all")
        .put("file", fileName(version)).put("size", size).put("sha256", sha256).put("publishedAt", publishedAt.toString()).encode();
  }

  /** Verifies the envelope with the pinned key, then checks every field; answers only a manifest fit to act on. */
  public static AgentPackageManifest verify(JsonObject envelope, String publicKey, String keyId) throws RefusedException {
    JsonObject m;
    try {
      m = SignedEnvelope.verify(envelope, publicKey, keyId);
    } catch (SignedEnvelope.InvalidSignatureException e) {
      throw new RefusedException("package manifest refused: " + e.getMessage());
    }
    if (!TYPE.equals(m.getValue("type"))) {
      throw new RefusedException("signed document is a '" + m.getValue("type") + "', not an agent package manifest");
    }
    if (!PACKAGE.equals(m.getValue("package")) || !"all".equals(m.getValue("architecture"))) {
      throw new RefusedException("manifest is for package '" + m.getValue("package") + "' (" + m.getValue("architecture")
          + "), not " + PACKAGE + " (all)");
    }
    String version;
    try {
      version = DebianVersion.parse(text(m, "version")).toString();
    } catch (IllegalArgumentException e) {
      throw new RefusedException("manifest " + e.getMessage());
    }
    String file = text(m, "file");
    if (!file.equals(fileName(version))) {
      throw new RefusedException("manifest names the file '" + file + "', which is not " + PACKAGE + " " + version + "'s .deb");
    }
    if (!(m.getValue("size") instanceof Number n) || n.longValue() <= 0 || n.longValue() > MAX_SIZE) {
      throw new RefusedException("manifest size " + m.getValue("size") + " is not between 1 and " + MAX_SIZE + " bytes");
    }
    String sha256 = text(m, "sha256");
    if (!SHA256.matcher(sha256).matches()) {
      throw new RefusedException("manifest sha256 '" + sha256 + "' is not 64 lowercase hex digits");
    }
    Instant publishedAt;
    try {
      publishedAt = Instant.parse(text(m, "publishedAt"));
    } catch (DateTimeParseException e) {
      throw new RefusedException("manifest publishedAt '" + m.getValue("publishedAt") + "' is not an ISO-8601 instant");
    }
    return new AgentPackageManifest(version, file, n.longValue(), sha256, publishedAt, envelope);
  }

  /** Refuses a version that is not newer than the one running (no downgrades, no reinstalls). */
  public void requireNewerThan(String installed) throws RefusedException {
    boolean newer;
    try {
      newer = DebianVersion.newer(version, installed);
    } catch (IllegalArgumentException e) {
      throw new RefusedException("cannot compare with the installed version: " + e.getMessage());
    }
    if (!newer) {
      throw new RefusedException(PACKAGE + " " + version + " is not newer than the installed " + installed);
    }
  }

  private static String text(JsonObject m, String key) throws RefusedException {
    if (!(m.getValue(key) instanceof String s) || s.isBlank()) {
      throw new RefusedException("manifest has no '" + key + "'");
    }
    return s;
  }
}
