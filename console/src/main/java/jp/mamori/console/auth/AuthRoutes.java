package jp.mamori.console.auth;

import static jp.mamori.console.web.Html.esc;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import jp.mamori.console.Services;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;

/** Login, logout, the session handler that attaches the principal, and CSRF protection. */
public final class AuthRoutes {
  public static final String COOKIE = "mamori_session";

  private final Services s;

  private record SignedIn(Principal principal, Sessions.Session session) {}

  public AuthRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.route().handler(this::attachPrincipal);
    r.route().handler(this::csrf);
    r.post("/api/v1/auth/login").handler(ctx -> Http.api(ctx, this::apiLogin, 200));
    r.post("/api/v1/auth/logout").handler(ctx -> Http.api(ctx, c -> logout(c).map(v -> null), 204));
    r.get("/api/v1/me").handler(ctx -> Http.api(ctx, c -> Future.succeededFuture(
        Http.principal(c).toJson().put("csrfToken", (String) c.get(Http.CSRF))), 200));
    r.get("/login").handler(ctx -> loginPage(ctx, 200, null));
    r.post("/login").handler(this::formLogin);
    r.post("/logout").handler(ctx -> logout(ctx).onComplete(ar -> ctx.redirect("/login")));
  }

  private void attachPrincipal(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null) {
      ctx.next();
      return;
    }
    String token = cookie.getValue();
    s.db().read(c -> {
      Optional<Sessions.Session> session = s.sessions().find(c, token);
      return session.isEmpty() ? Optional.<SignedIn>empty()
          : s.users().principal(c, session.get().userId()).map(p -> new SignedIn(p, session.get()));
    }).onSuccess(found -> {
      if (found.isPresent()) {
        ctx.put(Http.PRINCIPAL, found.get().principal());
        ctx.put(Http.CSRF, found.get().session().csrf());
        ctx.put("sessionToken", token);
        if (found.get().session().needsTouch(s.clock().millis())) {
          s.db().write(c -> {
            s.sessions().touch(c, token);
            return null;
          });
        }
      }
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /** State-changing requests made with the session cookie must carry the session's CSRF token. */
  private void csrf(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS || ctx.get(Http.PRINCIPAL) == null) {
      ctx.next();
      return;
    }
    String expected = ctx.get(Http.CSRF);
    String given = ctx.request().getHeader("X-CSRF-Token");
    if (given == null) {
      given = ctx.request().getFormAttribute("_csrf");
    }
    if (given == null || !java.security.MessageDigest.isEqual(given.getBytes(), expected.getBytes())) {
      if (ctx.request().path().startsWith("/api/")) {
        Http.json(ctx, 403, new JsonObject().put("error", "csrf").put("message", "missing or wrong X-CSRF-Token header (GET /api/v1/me returns it)"));
      } else {
        Layout.page(ctx, 403, I18n.t(Http.lang(ctx), "error.title"), "<p>" + esc(I18n.t(Http.lang(ctx), "error.csrf")) + "</p>");
      }
      return;
    }
    ctx.next();
  }

  private Future<JsonObject> apiLogin(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return login(ctx, body.getString("email"), body.getString("password"))
        .map(p -> p.toJson().put("csrfToken", (String) ctx.get(Http.CSRF)));
  }

  private void formLogin(RoutingContext ctx) {
    String email = ctx.request().getFormAttribute("email");
    String next = safeNext(ctx.request().getFormAttribute("next"));
    login(ctx, email, ctx.request().getFormAttribute("password"))
        .onSuccess(p -> ctx.redirect(next))
        .onFailure(e -> loginPage(ctx, e instanceof ApiError a ? a.status() : 500,
            e instanceof ApiError a && a.code().equals("rate_limited") ? I18n.t(Http.lang(ctx), "login.limited")
                : I18n.t(Http.lang(ctx), "login.failed")));
  }

  private static String safeNext(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
  }

  /** Verifies the password off the event loop (PBKDF2 is slow on purpose) and opens a session. */
  private Future<Principal> login(RoutingContext ctx, String email, String password) {
    if (email == null || password == null || email.isBlank() || password.isEmpty()) {
      return Future.failedFuture(new ApiError(400, "bad_request", "email and password are required"));
    }
    String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    long wait = s.loginLimiter().retryAfterSeconds(email, address);
    if (wait > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(wait));
      return Future.failedFuture(new ApiError(429, "rate_limited", "too many failed logins; try again in " + wait + " s"));
    }
    return s.db().read(c -> s.users().credentials(c, email))
        .compose(cred -> s.hashing().executeBlocking(() -> {
          if (cred.isEmpty() || cred.get().disabled()) {
            s.users().burn(password);
            return Optional.<Long>empty();
          }
          return s.users().verify(password, cred.get().passwordHash()) ? Optional.of(cred.get().id()) : Optional.<Long>empty();
        }, false))
        .compose(userId -> {
          if (userId.isEmpty()) {
            s.loginLimiter().failed(email, address);
            return Future.failedFuture(new ApiError(401, "login_failed", "e-mail or password is wrong"));
          }
          s.loginLimiter().succeeded(email);
          return s.db().write(c -> {
            Sessions.Session session = s.sessions().create(c, userId.get());
            return new SignedIn(s.users().principal(c, userId.get()).orElseThrow(), session);
          });
        })
        .map(signedIn -> {
          Sessions.Session session = signedIn.session();
          ctx.response().addCookie(Cookie.cookie(COOKIE, session.token()).setPath("/").setHttpOnly(true)
              .setSecure(ctx.request().isSSL()).setSameSite(CookieSameSite.LAX).setMaxAge(Sessions.ABSOLUTE.toSeconds()));
          ctx.put(Http.CSRF, session.csrf());
          ctx.put(Http.PRINCIPAL, signedIn.principal());
          return signedIn.principal();
        });
  }

  private Future<Void> logout(RoutingContext ctx) {
    String token = ctx.get("sessionToken");
    ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
    if (token == null) {
      return Future.succeededFuture();
    }
    return s.db().write(c -> {
      s.sessions().delete(c, token);
      return null;
    });
  }

  private void loginPage(RoutingContext ctx, int status, String error) {
    String lang = Http.lang(ctx);
    String next = safeNext(ctx.request().getParam("next") != null ? ctx.request().getParam("next") : ctx.request().getFormAttribute("next"));
    String body = "<section class=\"login\"><h1>" + esc(I18n.t(lang, "login.title")) + "</h1>"
        + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>")
        + "<form method=\"post\" action=\"/login\">"
        + "<input type=\"hidden\" name=\"next\" value=\"" + esc(next) + "\">"
        + "<label>" + esc(I18n.t(lang, "login.email")) + "<input type=\"email\" name=\"email\" autocomplete=\"username\" required></label>"
        + "<label>" + esc(I18n.t(lang, "login.password")) + "<input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>"
        + "<button type=\"submit\">" + esc(I18n.t(lang, "login.submit")) + "</button></form></section>";
    Layout.page(ctx, status, I18n.t(lang, "login.title"), body);
  }
}
