package jp.mamori.console.web;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.util.function.Function;
import jp.mamori.checks.finding.InvalidFindingException;
import jp.mamori.console.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Request/response plumbing shared by the route classes. */
public final class Http {
  private static final Logger LOG = LoggerFactory.getLogger(Http.class);
  public static final String PRINCIPAL = "principal";
  public static final String CSRF = "csrf";
  public static final String LANG_COOKIE = "mamori_lang";

  private Http() {}

  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw new ApiError(401, "login_required", "log in first (POST /api/v1/auth/login)");
    }
    return p;
  }

  public static String lang(RoutingContext ctx) {
    String q = ctx.request().getParam("lang");
    if (q != null) {
      return I18n.lang(q);
    }
    var cookie = ctx.request().getCookie(LANG_COOKIE);
    return I18n.lang(cookie == null ? null : cookie.getValue());
  }

  /** The JSON object body, or a 400 naming the problem. */
  public static JsonObject body(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() <= 0) {
      throw ApiError.badRequest("request body must be a JSON object");
    }
    try {
      JsonObject json = ctx.body().asJsonObject();
      if (json == null) {
        throw ApiError.badRequest("request body must be a JSON object");
      }
      return json;
    } catch (DecodeException | ClassCastException e) {
      throw ApiError.badRequest("request body is not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  /** The JSON object body, or an empty object when the request has none (actions whose fields are all optional). */
  public static JsonObject bodyOrEmpty(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().length() <= 0 ? new JsonObject() : body(ctx);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl));
  }

  /** An optional query parameter that must be a whole number: null when absent, 400 naming it when malformed. */
  public static Long queryLong(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a number, got: " + v);
    }
  }

  public static long idParam(RoutingContext ctx, String name) {
    String v = ctx.pathParam(name);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiError.notFound(name + " " + v);
    }
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
        .end(body instanceof JsonObject j ? j.encode() : io.vertx.core.json.Json.encode(body));
  }

  /** Runs an async API handler and maps its failure to a JSON error. */
  public static <T> void api(RoutingContext ctx, Function<RoutingContext, Future<T>> handler, int status) {
    Future<T> f;
    try {
      f = handler.apply(ctx);
    } catch (RuntimeException e) {
      fail(ctx, e);
      return;
    }
    f.onSuccess(result -> {
      if (!ctx.response().ended()) {
        if (result == null) {
          ctx.response().setStatusCode(204).end();
        } else {
          json(ctx, status, result);
        }
      }
    }).onFailure(e -> fail(ctx, e));
  }

  public static void fail(RoutingContext ctx, Throwable e) {
    if (ctx.response().ended()) {
      return;
    }
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof ApiError) && !(cause instanceof IllegalArgumentException)) {
      cause = cause.getCause();
    }
    int status;
    String code;
    String message = cause.getMessage();
    if (cause instanceof ApiError a) {
      status = a.status();
      code = a.code();
    } else if (cause instanceof IllegalArgumentException || cause instanceof InvalidFindingException) {
      status = 400;
      code = "bad_request";
    } else if (cause instanceof ClassCastException) {
      status = 400;
      code = "bad_request";
      message = "a field of the request has the wrong JSON type (see /api/v1/openapi.json)";
    } else {
      status = 500;
      code = "internal";
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
      message = cause instanceof SQLException ? "database error; the request was not applied" : "internal error";
    }
    json(ctx, status, new JsonObject().put("error", code).put("message", message));
  }
}
