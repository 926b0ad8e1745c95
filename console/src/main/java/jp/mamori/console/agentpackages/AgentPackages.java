package jp.mamori.console.agentpackages;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mamori.common.AgentPackageManifest;
import jp.mamori.common.DebianVersion;
import jp.mamori.common.FileHash;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.rules.RulesKeys;
import jp.mamori.console.web.ApiError;

/**
 * The agent packages the operator publishes for boxes: each .deb is checked (a mamori-agent package for
 * architecture all, read from its own control file), stored under {@code DATA/agent-packages/} and described by
 * a manifest signed with the console's Ed25519 key. A release names the version meant for every chamber
 * (chamber 0) or for one chamber (a staged rollout, which wins over the general release). Plain JDBC; the file
 * work is blocking.
 */
public final class AgentPackages {
  public static final String PACKAGE = AgentPackageManifest.PACKAGE;
  public static final long MAX_SIZE = AgentPackageManifest.MAX_SIZE;
  static final long EVERY_CHAMBER = 0;

  private final Clock clock;
  private final Path dir;
  private final RulesKeys keys;

  public AgentPackages(Clock clock, Path dir, RulesKeys keys) {
    this.clock = clock;
    this.dir = dir;
    this.keys = keys;
  }

  /** What an uploaded file turned out to be. */
  public record Candidate(Path file, String version, String architecture, long size, String sha256) {}

  public record Published(String version, String fileName, long size, String sha256, Instant publishedAt, List<Long> releasedTo,
      JsonObject manifest) {
    public JsonObject toJson() {
      JsonArray chambers = new JsonArray();
      releasedTo.stream().filter(id -> id != EVERY_CHAMBER).forEach(chambers::add);
      return new JsonObject().put("package", PACKAGE).put("version", version).put("file", fileName).put("size", size)
          .put("sha256", sha256).put("publishedAt", publishedAt.toString())
          .put("release", new JsonObject().put("everyChamber", releasedTo.contains(EVERY_CHAMBER)).put("chamberIds", chambers))
          .put("manifest", manifest);
    }
  }

  public Path dir() {
    return dir;
  }

  /** A new temporary file in the package directory, for an upload to stream into. Blocking. */
  public Path newUpload() throws IOException {
    Files.createDirectories(dir);
    return Files.createTempFile(dir, ".upload-", ".part");
  }

  /** Reads the uploaded file's control fields and hash; refuses anything that is not a mamori-agent .deb. Blocking. */
  public Candidate inspect(Path file) throws IOException {
    Map<String, String> control;
    try {
      control = DebControl.read(file);
    } catch (DebControl.NotADebException e) {
      throw new ApiError(422, "not_agent_package", e.getMessage());
    }
    String pkg = control.get("Package");
    if (!PACKAGE.equals(pkg)) {
      throw new ApiError(422, "not_agent_package", "this is the Debian package '" + pkg + "', not " + PACKAGE
          + " (only the box agent is served to boxes)");
    }
    String version = control.get("Version");
    try {
      DebianVersion.parse(version);
    } catch (IllegalArgumentException e) {
      throw new ApiError(422, "not_agent_package", "the package's " + e.getMessage());
    }
    String arch = control.get("Architecture");
    if (!"all".equals(arch)) {
      throw new ApiError(422, "not_agent_package", "the package is built for architecture '" + arch + "'; boxes take " + PACKAGE
          + " for architecture all");
    }
    return new Candidate(file, DebianVersion.parse(version).toString(), arch, Files.size(file), FileHash.sha256(file));
  }

  /** Stores the checked file under its Debian file name and records its signed manifest; 409 when the version exists. */
  public Published publish(Connection c, Principal p, Candidate cand) throws SQLException, IOException {
    if (get(c, cand.version()).isPresent()) {
      throw new ApiError(409, "version_exists", PACKAGE + " " + cand.version() + " is already published; withdraw it first "
          + "(DELETE /api/v1/agent-packages/" + cand.version() + ") or raise the version");
    }
    String fileName = AgentPackageManifest.fileName(cand.version());
    Instant now = clock.instant();
    String payload = AgentPackageManifest.payload(cand.version(), cand.size(), cand.sha256(), now);
    Jdbc.update(c, "INSERT INTO agent_packages(version, file_name, size, sha256, manifest_payload, manifest_signature, key_id, "
        + "published_at, published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", cand.version(), fileName, cand.size(), cand.sha256(), payload,
        keys.sign(payload), keys.keyId(), now.toEpochMilli(), p.userId());
    Files.move(cand.file(), dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return get(c, cand.version()).orElseThrow();
  }

  public List<Published> list(Connection c) throws SQLException {
    return Jdbc.list(c, SELECT + "ORDER BY published_at DESC", rs -> published(c, rs));
  }

  public static Optional<Published> get(Connection c, String version) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE version = ?", rs -> published(c, rs), version);
  }

  /** Makes a version the release of one chamber, or of every chamber (which ends the staged rollouts). */
  public Published release(Connection c, String version, Long chamberId, Principal p) throws SQLException {
    get(c, version).orElseThrow(() -> ApiError.notFound("agent package " + version));
    long target = chamberId == null ? EVERY_CHAMBER : chamberId;
    if (chamberId != null && Jdbc.count(c, "SELECT COUNT(*) FROM chambers WHERE id = ?", chamberId) == 0) {
      throw ApiError.notFound("chamber " + chamberId);
    }
    if (chamberId == null) {
      Jdbc.update(c, "DELETE FROM agent_releases");
    }
    Jdbc.update(c, "INSERT INTO agent_releases(chamber_id, version, released_at, released_by) VALUES (?, ?, ?, ?) "
        + "ON CONFLICT(chamber_id) DO UPDATE SET version = excluded.version, released_at = excluded.released_at, "
        + "released_by = excluded.released_by", target, version, clock.millis(), p.userId());
    return get(c, version).orElseThrow();
  }

  /** Withdraws a version: boxes are no longer offered it (its releases go with it). The file is deleted after commit. */
  public Path withdraw(Connection c, String version) throws SQLException {
    Published pub = get(c, version).orElseThrow(() -> ApiError.notFound("agent package " + version));
    Jdbc.update(c, "DELETE FROM agent_releases WHERE version = ?", version);
    Jdbc.update(c, "DELETE FROM agent_packages WHERE version = ?", version);
    return dir.resolve(pub.fileName());
  }

  /** The package meant for a box of this chamber: the chamber's own release, else the general one. */
  public static Optional<Published> releaseFor(Connection c, long chamberId) throws SQLException {
    Optional<String> version = Jdbc.one(c, "SELECT version FROM agent_releases WHERE chamber_id IN (?, ?) ORDER BY chamber_id DESC LIMIT 1",
        rs -> rs.getString(1), chamberId, EVERY_CHAMBER);
    return version.isEmpty() ? Optional.empty() : get(c, version.get());
  }

  /** The heartbeat command telling a box that runs an older agent that its release is newer; empty otherwise. */
  public static Optional<JsonObject> updateCommand(Connection c, long chamberId, String agentVersion) throws SQLException {
    Optional<Published> release = releaseFor(c, chamberId);
    if (release.isEmpty() || agentVersion == null) {
      return Optional.empty();
    }
    try {
      if (!DebianVersion.newer(release.get().version(), agentVersion)) {
        return Optional.empty();
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a development build ("dev") is not upgraded
    }
    return Optional.of(new JsonObject().put("type", "update").put("version", release.get().version()));
  }

  /** The heartbeat's commands with the update command added when there is one. */
  public static JsonArray withUpdate(Connection c, long chamberId, String agentVersion, JsonArray commands) throws SQLException {
    updateCommand(c, chamberId, agentVersion).ifPresent(commands::add);
    return commands;
  }

  public Path file(Published p) {
    return dir.resolve(p.fileName());
  }

  private static final String SELECT = "SELECT version, file_name, size, sha256, manifest_payload, manifest_signature, key_id, published_at "
      + "FROM agent_packages ";

  private static Published published(Connection c, ResultSet rs) throws SQLException {
    String version = rs.getString(1);
    List<Long> chambers = new ArrayList<>(Jdbc.list(c, "SELECT chamber_id FROM agent_releases WHERE version = ? ORDER BY chamber_id",
        r -> r.getLong(1), version));
    return new Published(version, rs.getString(2), rs.getLong(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(8)), chambers,
        new JsonObject().put("payload", rs.getString(5)).put("signature", rs.getString(6)).put("keyId", rs.getString(7)));
  }
}
