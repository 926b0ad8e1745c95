package jp.mamori.agent.update;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.console.ConsoleException;
import jp.mamori.common.AgentPackageManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The box's half of an agent upgrade. Fetches the signed manifest of the release meant for this box, verifies it
 * against the console key pinned at enrollment, refuses a version that is not newer than the running one,
 * streams the .deb into {@code DATA_DIR/update/} (never more bytes than the manifest says, SHA-256 must match)
 * and only then hands it to the root-side installer by atomically writing {@code update/pending.json}. The daemon
 * itself can never install anything (its unit forbids it); the installer writes {@code update/result.json}.
 */
public final class AgentUpdater {
  private static final Logger LOG = LoggerFactory.getLogger(AgentUpdater.class);
  public static final String DIR = "update";
  public static final String PENDING = "pending.json";
  public static final String RESULT = "result.json";
  static final String MANIFEST_PATH = "/api/v1/box/agent-package";
  /** A failed download of a version is tried again only after this long: heartbeats repeat the update command. */
  static final Duration RETRY_AFTER = Duration.ofHours(1);

  private final Vertx vertx;
  private final ConsoleClient client;
  private final Path dir;
  private final String installed;
  private final String publicKey;
  private final String keyId;
  private final Clock clock;
  private volatile String status;
  private volatile Instant statusAt = Instant.EPOCH;
  private Future<String> running;
  private final java.util.List<Long> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String failedVersion;
  private volatile Instant failedAt = Instant.EPOCH;

  public AgentUpdater(Vertx vertx, ConsoleClient client, Path dataDir, String installed, String publicKey, String keyId, Clock clock) {
    this.vertx = vertx;
    this.client = client;
    this.dir = dataDir.resolve(DIR);
    this.installed = installed;
    this.publicKey = publicKey;
    this.keyId = keyId;
    this.clock = clock;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Writes health.json now and every {@code healthEvery}, and looks for an update once a day (first look within
   * an hour of start, spread so a chamber's boxes do not all ask at once). The console's update command calls
   * {@link #check()} too.
   */
  public void start(Duration healthEvery, Random random) {
    writeHealth();
    timers.add(vertx.setPeriodic(healthEvery.toMillis(), id -> writeHealth()));
    timers.add(vertx.setTimer(Duration.ofMinutes(1 + random.nextInt(60)).toMillis(), id -> {
      check();
      timers.add(vertx.setPeriodic(Duration.ofDays(1).toMillis(), d -> check()));
    }));
  }

  public void stop() {
    timers.forEach(vertx::cancelTimer);
  }

  private void writeHealth() {
    vertx.executeBlocking(() -> {
      HealthFile.write(dir.getParent(), installed, ProcessHandle.current().pid(), clock.instant());
      return null;
    }, false).onFailure(e -> LOG.warn("cannot write {}: {}", HealthFile.NAME, e.getMessage()));
  }

  /** One look for an update; answers what happened in plain words. Calls while one runs share it. */
  public synchronized Future<String> check() {
    if (running == null || running.isComplete()) {
      running = client.get(MANIFEST_PATH)
          .compose(this::act, e -> e instanceof ConsoleException ce && ce.status() == 404
              ? Future.succeededFuture("no agent update released for this box")
              : Future.failedFuture(e))
          .onFailure(e -> LOG.warn("agent update check failed: {}", e.getMessage()));
    }
    return running;
  }

  private Future<String> act(JsonObject envelope) {
    AgentPackageManifest m;
    try {
      m = AgentPackageManifest.verify(envelope, publicKey, keyId);
    } catch (AgentPackageManifest.RefusedException e) {
      return Future.succeededFuture(report("refused an update: " + e.getMessage()));
    }
    try {
      m.requireNewerThan(installed);
    } catch (AgentPackageManifest.RefusedException e) {
      return Future.succeededFuture("up to date (" + e.getMessage() + ")");
    }
    if (m.version().equals(failedVersion) && clock.instant().isBefore(failedAt.plus(RETRY_AFTER))) {
      return Future.succeededFuture("download of " + m.version() + " failed recently; next try after " + failedAt.plus(RETRY_AFTER));
    }
    return vertx.executeBlocking(() -> {
      JsonObject result = lastResult();
      if (result != null && m.version().equals(result.getString("version")) && !"installed".equals(result.getString("outcome"))) {
        return "not installing " + m.version() + " again: " + result.getString("message") + " (a newer release is needed)";
      }
      return handedOver(m) ? "downloaded " + m.version() + ", waiting for the installer" : null;
    }, false).compose(skip -> skip != null ? Future.succeededFuture(skip)
        : download(m).compose(deb -> vertx.executeBlocking(() -> handOver(m), false))
            .map(v -> report("downloaded " + m.version()))
            .recover(e -> {
              failedVersion = m.version();
              failedAt = clock.instant();
              return Future.succeededFuture(report("download of " + m.version() + " failed: " + e.getMessage()));
            }));
  }

  /** The installer's last result.json, or null when there is none (or it cannot be read). Blocking. */
  JsonObject lastResult() {
    Path result = dir.resolve(RESULT);
    try {
      if (Files.isRegularFile(result) && Files.size(result) < 16 * 1024) {
        return new JsonObject(Files.readString(result));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read {}: {}", result, e.getMessage());
    }
    return null;
  }

  private String report(String s) {
    status = s;
    statusAt = clock.instant();
    LOG.info("agent update: {}", s);
    return s;
  }

  /** True when this version is already waiting for the installer, complete. */
  boolean handedOver(AgentPackageManifest m) throws IOException {
    Path pending = dir.resolve(PENDING);
    if (!Files.isRegularFile(pending) || !Files.isRegularFile(dir.resolve(m.file()))) {
      return false;
    }
    try {
      JsonObject p = new JsonObject(Files.readString(pending));
      return m.envelope().equals(p.getJsonObject("manifest")) && Files.size(dir.resolve(m.file())) == m.size();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Streams the package into a .part file, then renames it; fails (and deletes it) on any short, long or wrong download. */
  Future<Path> download(AgentPackageManifest m) {
    Path part = dir.resolve(m.file() + ".part");
    Path target = dir.resolve(m.file());
    return vertx.executeBlocking(() -> {
      Files.createDirectories(dir);
      removeAllBut(Set.of(RESULT));
      return null;
    }, false).compose(v -> client.stream(MANIFEST_PATH + "/" + URLEncoder.encode(m.version(), StandardCharsets.UTF_8) + "/deb"))
        .compose(resp -> vertx.fileSystem().open(part.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
            .compose(file -> receive(resp, file, m)))
        .compose(sha -> vertx.executeBlocking(() -> {
          long size = Files.size(part);
          if (size != m.size()) {
            throw new IOException("truncated download: " + size + " of " + m.size() + " bytes");
          }
          if (!sha.equals(m.sha256())) {
            throw new IOException("SHA-256 of the download is " + sha + ", the signed manifest says " + m.sha256());
          }
          move(part, target);
          return target;
        }, false))
        .recover(e -> vertx.executeBlocking(() -> Files.deleteIfExists(part), false).transform(deleted -> Future.failedFuture(e)));
  }

  private static Future<String> receive(HttpClientResponse resp, AsyncFile file, AgentPackageManifest m) {
    Promise<String> done = Promise.promise();
    MessageDigest md = sha256();
    long[] size = {0};
    resp.handler(buf -> {
      size[0] += buf.length();
      if (size[0] > m.size()) {
        resp.pause();
        done.tryFail(new IOException("the console sent more than the " + m.size() + " bytes the signed manifest allows"));
        return;
      }
      md.update(buf.getBytes());
      file.write(buf);
      if (file.writeQueueFull()) {
        resp.pause();
        file.drainHandler(v -> resp.resume());
      }
    });
    resp.exceptionHandler(e -> done.tryFail(new IOException("download interrupted after " + size[0] + " of " + m.size() + " bytes: "
        + e.getMessage())));
    resp.endHandler(v -> done.tryComplete(HexFormat.of().formatHex(md.digest())));
    resp.resume();
    return done.future().transform(ar -> file.close().transform(closed -> ar.succeeded() && closed.failed()
        ? Future.failedFuture(closed.cause()) : ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause())));
  }

  /** Writes pending.json ({manifest, file, handedOverAt}) by an atomic rename: the installer sees all of it or nothing. */
  Void handOver(AgentPackageManifest m) throws IOException {
    Path tmp = dir.resolve("." + PENDING + ".tmp");
    Files.deleteIfExists(tmp);
    Files.writeString(tmp, new JsonObject().put("manifest", m.envelope()).put("file", m.file())
        .put("handedOverAt", clock.instant().toString()).encode(), StandardCharsets.UTF_8);
    move(tmp, dir.resolve(PENDING));
    return null;
  }

  /** The status for the heartbeat: the installer's last result when it is newer than what the daemon did itself. */
  public Future<String> status() {
    return vertx.executeBlocking(() -> {
      JsonObject r = lastResult();
      if (r != null) {
        try {
          if (status == null || Instant.parse(r.getString("at")).isAfter(statusAt)) {
            return r.getString("message");
          }
        } catch (RuntimeException e) {
          return "unreadable " + RESULT + ": " + e.getMessage();
        }
      }
      return status;
    }, false);
  }

  private void removeAllBut(Set<String> keep) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (!keep.contains(f.getFileName().toString()) && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            || Files.isSymbolicLink(f)) {
          Files.delete(f);
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
