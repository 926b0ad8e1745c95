package jp.mamori.console;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mamori.common.Database;
import jp.mamori.console.auth.Role;
import jp.mamori.console.auth.Users;

/** A real console (real SQLite file, real HTTP on an ephemeral port) for one test class. */
public final class ConsoleHarness implements AutoCloseable {
  public static final String PASSWORD = "correct-horse-battery";
  /** Fewer PBKDF2 rounds keep tests quick; the production default is asserted in PasswordHasherTest. */
  public static final int TEST_ITERATIONS = 1_000;

  public final Vertx vertx;
  public final ConsoleServer server;
  public final Path dataDir;

  public ConsoleHarness(Path dataDir, Clock clock) throws Exception {
    this.dataDir = dataDir;
    this.vertx = Vertx.vertx();
    this.server = new ConsoleServer(new ConsoleServer.Options(dataDir, "127.0.0.1", 0, Optional.empty(), Optional.empty(), TEST_ITERATIONS), clock);
    vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
  }

  public String url() {
    return server.url();
  }

  public Services services() {
    return server.services();
  }

  public Database db() {
    return services().db();
  }

  public <T> T write(Database.SqlWork<T> work) throws Exception {
    return db().write(work).await(30, TimeUnit.SECONDS);
  }

  public <T> T read(Database.SqlWork<T> work) throws Exception {
    return db().read(work).await(30, TimeUnit.SECONDS);
  }

  public long count(String sql, Object... params) throws Exception {
    return read(c -> jp.mamori.common.Jdbc.count(c, sql, params));
  }

  public long chamber(String slug, String name) throws Exception {
    return write(c -> services().tenants().createChamber(c, slug, name));
  }

  public long sme(long chamberId, String name, String website) throws Exception {
    return write(c -> services().tenants().createSme(c, chamberId, new io.vertx.core.json.JsonObject().put("name", name).put("website", website)));
  }

  public long user(String email, Role role, Set<Long> chambers, Long smeId) throws Exception {
    String hash = services().users().hash(PASSWORD);
    return write(c -> services().users().create(c, new Users.NewUser(email, email.substring(0, email.indexOf('@')), PASSWORD, role, chambers, smeId), hash));
  }

  public String enrollmentToken(long smeId, long byUser) throws Exception {
    return write(c -> services().boxes().createToken(c, smeId, byUser, java.time.Duration.ofDays(7)));
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
