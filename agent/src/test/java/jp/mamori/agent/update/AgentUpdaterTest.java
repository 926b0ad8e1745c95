package jp.mamori.agent.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mamori.agent.MainAccess;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.common.AgentPackageManifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The box's download and hand-over against a real HTTP server on loopback that serves a signed manifest and
 * the package bytes, or misbehaves: more bytes than signed, other bytes, a connection cut half way. Only a
 * complete, matching download is ever handed to the root-side installer.
 */
class AgentUpdaterTest {
  static final KeyPair KEYS = keys();
  static final String PUB = Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
  @TempDir Path data;
  Vertx vertx;
  HttpServer server;
  ConsoleClient client;
  byte[] deb = new byte[300_000];
  volatile JsonObject envelope;
  volatile String serve = "ok";
  final AtomicInteger debRequests = new AtomicInteger();

  static KeyPair keys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject sign(KeyPair k, String payload) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(k.getPrivate());
    s.update(payload.getBytes(StandardCharsets.UTF_8));
    return new JsonObject().put("payload", payload).put("signature", Base64.getEncoder().encodeToString(s.sign())).put("keyId", "ed25519:t");
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @BeforeEach
  void start() throws Exception {
    new Random(6).nextBytes(deb);
    envelope = sign(KEYS, AgentPackageManifest.payload("0.2.0", deb.length, sha256(deb), Instant.parse("2026-12-01T00:00:00Z")));
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      HttpServerResponse resp = req.response();
      if (req.path().equals("/api/v1/box/agent-package")) {
        if (envelope == null) {
          resp.setStatusCode(404).end(new JsonObject().put("error", "not_found").put("message", "none").encode());
        } else {
          resp.putHeader("content-type", "application/json").end(envelope.encode());
        }
        return;
      }
      if (!req.path().equals("/api/v1/box/agent-package/0.2.0/deb")) {
        resp.setStatusCode(404).end();
        return;
      }
      debRequests.incrementAndGet();
      switch (serve) {
        case "long" -> resp.end(Buffer.buffer(deb).appendBytes(new byte[5000]));
        case "other" -> {
          byte[] b = deb.clone();
          b[1234] ^= 1;
          resp.end(Buffer.buffer(b));
        }
        case "cut" -> {
          resp.putHeader("content-length", String.valueOf(deb.length)).write(Buffer.buffer(deb).getBuffer(0, deb.length / 2))
              .onComplete(v -> vertx.setTimer(100, t -> req.connection().close()));
        }
        default -> resp.end(Buffer.buffer(deb));
      }
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    client = new ConsoleClient(vertx, URI.create("http://127.0.0.1:" + server.actualPort() + "/"), Optional.empty(), "mbx1.x.y",
        Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  AgentUpdater updater(String installed, String key) {
    return new AgentUpdater(vertx, client, data, installed, key, "ed25519:t", Clock.systemUTC());
  }

  /**
   * Runs on a Vert.x context, as the daemon does (heartbeat and timers): Vert.x 5.0.10 can lose the end of a response
   * whose body() is asked for from another thread (eclipse-vertx/vert.x#6038), which a call from the test thread is.
   */
  String check(AgentUpdater u) throws Exception {
    return onContext(u::check);
  }

  <T> T onContext(java.util.function.Supplier<io.vertx.core.Future<T>> call) throws Exception {
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    vertx.runOnContext(v -> call.get().onComplete(p));
    return p.future().await(30, TimeUnit.SECONDS);
  }

  List<String> files() throws Exception {
    Path dir = data.resolve("update");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCompleteMatchingDownloadIsHandedOverAtomically() throws Exception {
    AgentUpdater u = updater("0.1.0", PUB);
    assertThat(check(u)).isEqualTo("downloaded 0.2.0");
    assertThat(files()).containsExactly("mamori-agent_0.2.0_all.deb", "pending.json");
    assertThat(Files.readAllBytes(data.resolve("update/mamori-agent_0.2.0_all.deb"))).isEqualTo(deb);
    JsonObject pending = new JsonObject(Files.readString(data.resolve("update/pending.json")));
    assertThat(pending.getJsonObject("manifest")).isEqualTo(envelope);
    assertThat(pending.getString("file")).isEqualTo("mamori-agent_0.2.0_all.deb");
    assertThat(onContext(u::status)).isEqualTo("downloaded 0.2.0");
    // the console repeats the update command every heartbeat: no second download
    assertThat(check(u)).isEqualTo("downloaded 0.2.0, waiting for the installer");
    assertThat(debRequests).hasValue(1);

    // what the root-side installer checks, as root, with the pinned trust file
    Path trust = Files.writeString(data.resolve("trust"), "public-key=" + PUB + "\nkey-id=ed25519:t\n");
    String[] ok = verify(trust, "0.1.0");
    assertThat(ok[0]).isEqualTo("0");
    assertThat(ok[1]).isEqualTo("version=0.2.0\n");
    String[] older = verify(trust, "0.2.0");
    assertThat(older[0]).isEqualTo("1");
    assertThat(older[2]).contains("0.2.0 is not newer than the installed 0.2.0");
    Files.write(data.resolve("update/mamori-agent_0.2.0_all.deb"), Buffer.buffer(deb).getBuffer(0, deb.length - 1).getBytes());
    assertThat(verify(trust, "0.1.0")[2]).contains("is " + (deb.length - 1) + " bytes, the signed manifest says " + deb.length);
    byte[] other = deb.clone();
    other[7] ^= 1;
    Files.write(data.resolve("update/mamori-agent_0.2.0_all.deb"), other);
    assertThat(verify(trust, "0.1.0")[2]).contains("SHA-256 of mamori-agent_0.2.0_all.deb is");
    Path otherTrust = Files.writeString(data.resolve("other-trust"), "public-key="
        + Base64.getEncoder().encodeToString(keys().getPublic().getEncoded()) + "\n");
    Files.write(data.resolve("update/mamori-agent_0.2.0_all.deb"), deb);
    assertThat(verify(otherTrust, "0.1.0")[2]).contains("does not verify with the pinned key");
  }

  private String[] verify(Path trust, String installed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = MainAccess.run(List.of("verify-update", "--pending", data.resolve("update/pending.json").toString(), "--deb",
        data.resolve("update/mamori-agent_0.2.0_all.deb").toString(), "--trust", trust.toString(), "--installed", installed),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void moreBytesThanSignedOtherBytesOrACutDownloadHandOverNothing() throws Exception {
    serve = "long";
    AgentUpdater u = updater("0.1.0", PUB);
    assertThat(check(u)).isEqualTo("download of 0.2.0 failed: the console sent more than the " + deb.length
        + " bytes the signed manifest allows");
    assertThat(files()).isEmpty();
    // heartbeats keep repeating the command: a failed version waits an hour before the next try
    assertThat(check(u)).startsWith("download of 0.2.0 failed recently; next try after ");
    assertThat(debRequests).hasValue(1);

    serve = "other";
    u = updater("0.1.0", PUB);
    assertThat(check(u)).startsWith("download of 0.2.0 failed: SHA-256 of the download is ").endsWith("the signed manifest says "
        + sha256(deb));
    assertThat(files()).isEmpty();

    serve = "cut";
    u = updater("0.1.0", PUB);
    assertThat(check(u)).startsWith("download of 0.2.0 failed: ").containsAnyOf("interrupted", "truncated");
    assertThat(files()).isEmpty();
    assertThat(onContext(u::status)).startsWith("download of 0.2.0 failed");
  }

  @Test
  void refusesUnsignedOrNotNewerReleasesWithoutDownloading() throws Exception {
    assertThat(check(updater("0.2.0", PUB))).isEqualTo("up to date (mamori-agent 0.2.0 is not newer than the installed 0.2.0)");
    assertThat(check(updater("0.3.0~rc1", PUB))).startsWith("up to date");
    String other = Base64.getEncoder().encodeToString(keys().getPublic().getEncoded());
    AgentUpdater wrongKey = updater("0.1.0", other);
    assertThat(check(wrongKey)).isEqualTo("refused an update: package manifest refused: signature does not verify with the pinned key "
        + "(ed25519:t)");
    assertThat(onContext(wrongKey::status)).startsWith("refused an update");
    assertThat(check(updater("0.1.0", null))).contains("no signing key pinned");
    envelope = null;
    assertThat(check(updater("0.1.0", PUB))).isEqualTo("no agent update released for this box");
    assertThat(debRequests).hasValue(0);
    assertThat(files()).isEmpty();
  }

  @Test
  void reportsTheInstallersResultAndDoesNotRetryARolledBackVersion() throws Exception {
    Files.createDirectories(data.resolve("update"));
    Files.writeString(data.resolve("update/result.json"), new JsonObject().put("version", "0.2.0").put("from", "0.1.0")
        .put("outcome", "rolled-back").put("message", "rolled back from 0.2.0: not healthy within 120 s").put("at", Instant.now().toString())
        .encode());
    AgentUpdater u = updater("0.1.0", PUB);
    assertThat(onContext(u::status)).isEqualTo("rolled back from 0.2.0: not healthy within 120 s");
    assertThat(check(u)).isEqualTo("not installing 0.2.0 again: rolled back from 0.2.0: not healthy within 120 s (a newer release is needed)");
    assertThat(debRequests).hasValue(0);
  }

  @Test
  void writesHealthAtStart() throws Exception {
    AgentUpdater u = updater("0.1.0", PUB);
    u.start(Duration.ofMillis(200), new Random(1));
    Path health = data.resolve(HealthFile.NAME);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(health) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    JsonObject h = new JsonObject(Files.readString(health));
    assertThat(h.getString("version")).isEqualTo("0.1.0");
    assertThat(h.getLong("pid")).isEqualTo(ProcessHandle.current().pid());
    Instant first = Instant.parse(h.getString("at"));
    Thread.sleep(600);
    assertThat(Instant.parse(new JsonObject(Files.readString(health)).getString("at"))).isAfter(first);
    u.stop();
  }
}
