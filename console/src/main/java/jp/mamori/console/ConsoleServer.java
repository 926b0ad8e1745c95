package jp.mamori.console;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.mamori.common.Database;
import jp.mamori.common.Version;
import jp.mamori.console.agentpackages.AgentPackagePages;
import jp.mamori.console.agentpackages.AgentPackageRoutes;
import jp.mamori.console.agentpackages.AgentPackages;
import jp.mamori.console.auth.AuthRoutes;
import jp.mamori.console.auth.LoginLimiter;
import jp.mamori.console.auth.PasswordHasher;
import jp.mamori.console.auth.Sessions;
import jp.mamori.console.auth.Users;
import jp.mamori.console.boxes.BoxRoutes;
import jp.mamori.console.boxes.Boxes;
import jp.mamori.console.desk.Desk;
import jp.mamori.console.desk.DeskRoutes;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.ingest.IngestRoutes;
import jp.mamori.console.ingest.Ingestion;
import jp.mamori.console.metrics.ConsoleMetrics;
import jp.mamori.console.chamber.ChamberRoutes;
import jp.mamori.console.portal.BoxFeedRoutes;
import jp.mamori.console.portal.BoxStatusRoutes;
import jp.mamori.console.portal.PortalRoutes;
import jp.mamori.console.portal.PortalServices;
import jp.mamori.console.tenancy.TenantRoutes;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.tickets.TicketRoutes;
import jp.mamori.console.tickets.Tickets;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;
import jp.mamori.console.web.OpenApi;
import jp.mamori.console.web.SecurityHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console web application: opens the database, wires the feature routes, listens. */
public final class ConsoleServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
  public static final String MIGRATIONS = "jp/mamori/console/db";
  static final long MAX_BODY = 8L * 1024 * 1024;
  /**
   * A chamber federation's database: findings indexes of hundreds of MiB (64 MiB page cache per connection), and a
   * write-ahead log kept under 8 MiB however busy the readers are (see {@link Database.Tuning}).
   */
  static final Database.Tuning TUNING = new Database.Tuning(64, 8);

  public record Options(Path dataDir, String host, int port, Optional<Path> tlsCert, Optional<Path> tlsKey, int passwordIterations) {
    public Options {
      if (tlsCert.isPresent() != tlsKey.isPresent()) {
        throw new IllegalArgumentException("--tls-cert and --tls-key go together");
      }
    }
  }

  private final Options options;
  private final Clock clock;
  private Services services;
  private HttpServer server;
  private Router router;

  public ConsoleServer(Options options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> Database.open(vertx, options.dataDir().resolve("console.db"), getClass().getClassLoader(), MIGRATIONS, 3, TUNING))
        .compose(db -> {
          Tickets tickets = new Tickets(clock);
          Ingestion ingestion = new Ingestion(clock, tickets);
          return vertx.executeBlocking(() -> PortalServices.create(vertx, clock, options.dataDir(), ingestion))
              .map(portal -> new Services(vertx, db, clock, vertx.createSharedWorkerExecutor("mamori-password-hashing", 2, 1, TimeUnit.MINUTES),
              new Users(new PasswordHasher(options.passwordIterations()), clock), new Sessions(clock),
              new LoginLimiter(clock, 5, 50, Duration.ofMinutes(15)), new Tenants(clock), new Boxes(clock), tickets, new Alerts(),
              ingestion, new ConsoleMetrics(), new Desk(clock, tickets, options.dataDir()), portal));
        })
        .compose(built -> built.db().write(built.portal().rules::recordBundled).map(bumped -> {
          if (bumped >= 0) {
            LOG.info("rule data bundled with this build recorded (sha256 {}); rules version raised for {} chamber(s)",
                built.portal().rules.bundledSha256(), bumped);
          }
          return built;
        }))
        .compose(built -> {
          services = built;
          services.desk().start(vertx, services.db(), (c, e) -> services.portal().events.raise(c, "sla." + e.kind(),
              "sla:" + e.ticketId() + ":" + e.target() + ":" + e.kind() + ":" + e.dueAt().toEpochMilli(), e.chamberId(), e.smeId(), e.toJson()));
          services.portal().start(vertx, services.db(), services.tenants());
          HttpServerOptions http = new HttpServerOptions().setHost(options.host()).setPort(options.port())
              .setCompressionSupported(true).setMaxFormAttributeSize(64 * 1024);
          options.tlsCert().ifPresent(cert -> http.setSsl(true)
              .setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(options.tlsKey().get().toString())));
          router = router();
          return vertx.createHttpServer(http).requestHandler(router).listen();
        })
        .onSuccess(s -> {
          server = s;
          LOG.info("mamori-console {} serving {} from {}", Version.get(), url(), options.dataDir());
        });
  }

  public Services services() {
    return services;
  }

  /** The mounted routes (documentation checks compare them with the OpenAPI document). */
  public java.util.List<io.vertx.ext.web.Route> routes() {
    return router.getRoutes();
  }

  public int port() {
    return server.actualPort();
  }

  public String url() {
    String host = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1" : options.host();
    return (options.tlsCert().isPresent() ? "https" : "http") + "://" + host + ":" + port() + "/";
  }

  private Router router() {
    Router r = Router.router(vertx);
    r.route().handler(new SecurityHeaders());
    Buffer css = resource("static/app.css");
    Buffer openapi = Buffer.buffer(OpenApi.load().encode());
    r.get("/static/app.css").handler(ctx -> ctx.response().putHeader("content-type", "text/css; charset=utf-8")
        .putHeader("Cache-Control", "max-age=3600").end(css));
    r.get("/api/v1/openapi.json").handler(ctx -> ctx.response().putHeader("content-type", "application/json").end(openapi));
    r.get("/api/v1/health").handler(ctx -> services.db().read(c -> c.isValid(2))
        .onSuccess(ok -> Http.json(ctx, 200, new JsonObject().put("status", "ok").put("version", Version.get()).put("database", "ok")))
        .onFailure(e -> Http.json(ctx, 503, new JsonObject().put("status", "unavailable").put("database", e.getMessage()))));
    r.get("/metrics").handler(ctx -> services.metrics().scrape(services.db(), services.boxes(), services.alerts(), services.tickets())
        .onSuccess(text -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(text))
        .onFailure(ctx::fail));
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY);
    r.route().handler(ctx -> {
      if (AgentPackageRoutes.streamed(ctx.request())) {
        ctx.request().pause(); // streamed to disk by its route once the caller is known
        ctx.next();
      } else {
        bodies.handle(ctx);
      }
    });
    new AuthRoutes(services).mount(r);
    r.route().handler(services.desk().auditRecorder());
    new BoxRoutes(services).mount(r);
    new IngestRoutes(services).mount(r);
    new TenantRoutes(services).mount(r);
    new TicketRoutes(services).mount(r);
    new DeskRoutes(services).mount(r);
    new PortalRoutes(services).mount(r);
    new ChamberRoutes(services).mount(r);
    new BoxFeedRoutes(services).mount(r);
    new BoxStatusRoutes(services).mount(r);
    AgentPackages agentPackages = new AgentPackages(clock, options.dataDir().resolve("agent-packages"), services.portal().rulesKeys);
    AgentPackageRoutes agentPackageApi = new AgentPackageRoutes(services, agentPackages);
    agentPackageApi.mount(r);
    new AgentPackagePages(services, agentPackages, agentPackageApi).mount(r);
    r.route().last().handler(this::notFound);
    r.route().failureHandler(this::failure);
    return r;
  }

  private void notFound(RoutingContext ctx) {
    if (ctx.request().path().startsWith("/api/")) {
      Http.json(ctx, 404, new JsonObject().put("error", "not_found").put("message", "no such endpoint: " + ctx.request().method() + " "
          + ctx.request().path() + " (see /api/v1/openapi.json)"));
    } else {
      String lang = Http.lang(ctx);
      Layout.page(ctx, 404, I18n.t(lang, "error.title"), "<p>" + I18n.t(lang, "error.notfound") + "</p>");
    }
  }

  private void failure(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status == 413) {
      Http.json(ctx, 413, new JsonObject().put("error", "too_large").put("message", "request body larger than " + MAX_BODY + " bytes"));
      return;
    }
    if (ctx.failure() != null) {
      Http.fail(ctx, ctx.failure());
      return;
    }
    Http.json(ctx, status, new JsonObject().put("error", "http_" + status).put("message", "request failed"));
  }

  private Buffer resource(String name) {
    try (InputStream in = getClass().getResourceAsStream("/jp/mamori/console/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  @Override
  public Future<?> stop() {
    Future<Void> closeServer = server == null ? Future.succeededFuture() : server.close();
    return closeServer.eventually(() -> services == null ? Future.succeededFuture() : services.portal().stop())
        .eventually(() -> services == null ? Future.succeededFuture() : services.desk().stop())
        .eventually(() -> services == null ? Future.succeededFuture() : services.db().close());
  }
}
