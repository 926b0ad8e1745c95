package jp.mamori.console.agentpackages;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.boxes.BoxRoutes;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent packages: the operator publishes, releases and withdraws mamori-agent .debs; boxes fetch the signed
 * manifest of the release meant for them and its bytes. The upload body is the .deb itself, streamed to disk
 * (never held in memory) and capped at {@link AgentPackages#MAX_SIZE}.
 */
public final class AgentPackageRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AgentPackageRoutes.class);
  public static final String UPLOAD_PATH = "/api/v1/agent-packages";

  private final Services s;
  private final AgentPackages packages;

  public AgentPackageRoutes(Services s, AgentPackages packages) {
    this.s = s;
    this.packages = packages;
  }

  /** Requests whose body this feature streams itself, so the router's BodyHandler must leave them alone. */
  public static boolean streamed(HttpServerRequest req) {
    return req.method() == HttpMethod.POST && UPLOAD_PATH.equals(req.path());
  }

  public void mount(Router r) {
    r.post(UPLOAD_PATH).handler(this::upload);
    r.get(UPLOAD_PATH).handler(ctx -> Http.api(ctx, c -> {
      operator(c);
      return s.db().read(conn -> {
        JsonArray a = new JsonArray();
        packages.list(conn).forEach(p -> a.add(p.toJson()));
        return new JsonObject().put("packages", a);
      });
    }, 200));
    r.delete("/api/v1/agent-packages/:version").handler(ctx -> Http.api(ctx, this::withdraw, 204));
    r.post("/api/v1/agent-packages/:version/release").handler(ctx -> Http.api(ctx, this::release, 200));
    r.get("/api/v1/box/agent-package").handler(ctx -> Http.api(ctx, c -> BoxRoutes.box(s, c).compose(id -> s.db().read(conn ->
        AgentPackages.releaseFor(conn, id.chamberId()).orElseThrow(() -> ApiError.notFound("agent package release for this box")).manifest())),
        200));
    r.get("/api/v1/box/agent-package/:version/deb").handler(this::deb);
  }

  private static Principal operator(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    if (!p.operator()) {
      throw ApiError.forbidden("only the operator publishes and releases agent packages");
    }
    return p;
  }

  private void upload(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    Principal p;
    try {
      p = operator(ctx);
      String length = req.getHeader("content-length");
      if (length != null && Long.parseLong(length.strip()) > AgentPackages.MAX_SIZE) {
        throw tooLarge();
      }
    } catch (NumberFormatException e) {
      refuse(ctx, ApiError.badRequest("Content-Length is not a number: " + req.getHeader("content-length")));
      return;
    } catch (ApiError e) {
      refuse(ctx, e);
      return;
    }
    s.vertx().executeBlocking(packages::newUpload, false).compose(tmp -> receive(req, tmp)
        .compose(size -> size == 0 ? Future.failedFuture(ApiError.badRequest("the request body must be the .deb file; it was empty"))
            : s.vertx().executeBlocking(() -> packages.inspect(tmp), false))
        .compose(cand -> s.db().write(c -> {
          AgentPackages.Published pub = packages.publish(c, p, cand);
          s.desk().audit().change(c, p, "agent-package.publish", "agent_package", pub.version(), null, null,
              new JsonObject().put("size", pub.size()).put("sha256", pub.sha256()));
          return pub;
        }))
        .onComplete(ar -> s.vertx().executeBlocking(() -> Files.deleteIfExists(tmp), false)))
        .onSuccess(pub -> {
          LOG.info("agent package {} published by {} ({} bytes, sha256 {})", pub.version(), p.email(), pub.size(), pub.sha256());
          Http.json(ctx, 201, pub.toJson());
        })
        .onFailure(e -> refuse(ctx, e));
  }

  /** Answers an upload that is not read to its end: the connection is closed so the rest of the body goes nowhere. */
  private static void refuse(RoutingContext ctx, Throwable e) {
    if (!ctx.request().isEnded()) {
      ctx.response().putHeader("connection", "close");
    }
    Http.fail(ctx, e);
  }

  private static ApiError tooLarge() {
    return new ApiError(413, "too_large", "an agent package may be at most " + AgentPackages.MAX_SIZE / (1024 * 1024) + " MiB");
  }

  /** Streams the request body into the file with back-pressure, stopping at the size cap; answers the byte count. */
  private Future<Long> receive(HttpServerRequest req, Path tmp) {
    return s.vertx().fileSystem().open(tmp.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true)).compose(file -> {
      Promise<Long> done = Promise.promise();
      long[] size = {0};
      req.handler(buf -> {
        size[0] += buf.length();
        if (size[0] > AgentPackages.MAX_SIZE) {
          req.pause();
          done.tryFail(tooLarge());
          return;
        }
        file.write(buf);
        if (file.writeQueueFull()) {
          req.pause();
          file.drainHandler(v -> req.resume());
        }
      });
      req.exceptionHandler(done::tryFail);
      req.endHandler(v -> done.tryComplete(size[0]));
      req.resume();
      return done.future().eventually(() -> close(file));
    });
  }

  private static Future<Void> close(AsyncFile file) {
    return file.close().recover(e -> Future.succeededFuture());
  }

  private Future<Void> withdraw(RoutingContext ctx) {
    return withdraw(operator(ctx), ctx.pathParam("version"));
  }

  /** Withdraws a version as this operator (audited), then deletes its file. */
  Future<Void> withdraw(Principal p, String version) {
    return s.db().write(c -> {
      Path file = packages.withdraw(c, version);
      s.desk().audit().change(c, p, "agent-package.withdraw", "agent_package", version, null, null, null);
      return file;
    }).compose(file -> s.vertx().executeBlocking(() -> {
      Files.deleteIfExists(file);
      return null;
    }, false));
  }

  private Future<JsonObject> release(RoutingContext ctx) {
    Principal p = operator(ctx);
    JsonObject body = Http.bodyOrEmpty(ctx);
    return release(p, ctx.pathParam("version"), body.getValue("chamberId") == null ? null : body.getLong("chamberId")).map(AgentPackages.Published::toJson);
  }

  /** Releases a version to one chamber or (null) every chamber as this operator (audited). */
  Future<AgentPackages.Published> release(Principal p, String version, Long chamberId) {
    return s.db().write(c -> {
      AgentPackages.Published pub = packages.release(c, version, chamberId, p);
      s.desk().audit().change(c, p, "agent-package.release", "agent_package", version, chamberId, null,
          new JsonObject().put("chamberId", chamberId));
      return pub;
    });
  }

  /** The .deb of the box's own release, streamed from disk; any other version answers 404. */
  private void deb(RoutingContext ctx) {
    String version = ctx.pathParam("version");
    BoxRoutes.box(s, ctx).compose(id -> s.db().read(c -> AgentPackages.releaseFor(c, id.chamberId())
        .filter(pub -> pub.version().equals(version))
        .orElseThrow(() -> ApiError.notFound("agent package " + version + " for this box"))))
        .onSuccess(pub -> ctx.response().putHeader("content-type", "application/vnd.debian.binary-package")
            .putHeader("content-disposition", "attachment; filename=\"" + pub.fileName() + "\"")
            .putHeader("x-content-sha256", pub.sha256())
            .sendFile(packages.file(pub).toString())
            .onFailure(e -> LOG.warn("sending {} failed: {}", pub.fileName(), e.getMessage())))
        .onFailure(e -> Http.fail(ctx, e));
  }
}
