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

  record SignedIn(Principal principal, Sessions.Session session) {}

  private final TotpRoutes totp;

  public AuthRoutes(Services s) {
    this.s = s;
    this.totp = new TotpRoutes(s, this);
  }

  public void mount(Router r) {
    r.route().handler(this::attachPrincipal);
    r.route().handler(this::csrf);
    r.post("/api/v1/auth/login").handler(ctx -> secondStepAware(ctx, this::apiLogin));
    r.post("/api/v1/auth/logout").handler(ctx -> Http.api(ctx, c -> logout(c).map(v -> null), 204));
    r.get("/api/v1/me").handler(ctx -> Http.api(ctx, c -> Future.succeededFuture(
        Http.principal(c).toJson().put("csrfToken", (String) c.get(Http.CSRF))), 200));
    r.get("/login").handler(ctx -> loginPage(ctx, 200, null));
    r.post("/login").handler(this::formLogin);
    r.post("/logout").handler(ctx -> logout(ctx).onComplete(ar -> ctx.redirect("/login")));
    totp.mount(r);
  }

  /**
   * A correct password that needs a second step: the answer carries a short-lived challenge for
   * POST /api/v1/auth/totp (code) or /api/v1/auth/totp/enrolment (set-up first).
   */
  public static final class SecondStep extends RuntimeException {
    final SecondFactor.Step step;
    final String challenge;

    SecondStep(SecondFactor.Step step, String challenge) {
      super(step == SecondFactor.Step.CODE ? "enter the 6-digit code from the authenticator app (or a recovery code)"
          : "set up the second factor first: this account must use an authenticator app");
      this.step = step;
      this.challenge = challenge;
    }

    int status() {
      return step == SecondFactor.Step.CODE ? 401 : 403;
    }

    JsonObject toJson() {
      return new JsonObject().put("error", step == SecondFactor.Step.CODE ? "totp_required" : "totp_enrolment_required")
          .put("message", getMessage()).put("challenge", challenge);
    }
  }

  /** Like Http.api, but a second step needed is answered with its challenge. */
  static void secondStepAware(RoutingContext ctx, java.util.function.Function<RoutingContext, Future<JsonObject>> handler) {
    Future<JsonObject> f;
    try {
      f = handler.apply(ctx);
    } catch (RuntimeException e) {
      Http.fail(ctx, e);
      return;
    }
    f.onSuccess(j -> Http.json(ctx, 200, j)).onFailure(e -> {
      if (e instanceof SecondStep st) {
        Http.json(ctx, st.status(), st.toJson());
      } else {
        Http.fail(ctx, e);
      }
    });
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
    return login(ctx, body.getString("email"), body.getString("password"), body.getString("totp"))
        .map(p -> p.toJson().put("csrfToken", (String) ctx.get(Http.CSRF)));
  }

  private void formLogin(RoutingContext ctx) {
    String email = ctx.request().getFormAttribute("email");
    String next = safeNext(ctx.request().getFormAttribute("next"));
    login(ctx, email, ctx.request().getFormAttribute("password"), null)
        .onSuccess(p -> ctx.redirect(next))
        .onFailure(e -> {
          if (e instanceof SecondStep st) {
            totp.secondStepPage(ctx, st.step, st.challenge, next, null);
          } else {
            loginPage(ctx, e instanceof ApiError a ? a.status() : 500, e instanceof ApiError a && a.code().equals("rate_limited")
                ? I18n.t(Http.lang(ctx), "login.limited") : I18n.t(Http.lang(ctx), "login.failed"));
          }
        });
  }

  static String safeNext(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
  }

  static String address(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
  }

  /** The outcome of a sign-in step in the writer: a session, a second step to take, or a wrong code. */
  record Outcome(SignedIn signedIn, SecondFactor.Step step, String challenge, boolean wrongCode, String email, long userId) {
    static Outcome wrong(String email, long userId) {
      return new Outcome(null, null, null, true, email, userId);
    }
  }

  /**
   * Verifies the password off the event loop (PBKDF2 is slow on purpose); then either opens a session, or,
   * for accounts with a second factor, checks the code given along (or hands out a challenge to send it with).
   */
  private Future<Principal> login(RoutingContext ctx, String email, String password, String code) {
    if (email == null || password == null || email.isBlank() || password.isEmpty()) {
      return Future.failedFuture(new ApiError(400, "bad_request", "email and password are required"));
    }
    String address = address(ctx);
    long wait = s.loginLimiter().retryAfterSeconds(email, address);
    if (wait > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(wait));
      return Future.failedFuture(new ApiError(429, "rate_limited", "too many failed logins; try again in " + wait + " s"));
    }
    SecondFactor sf = s.desk().secondFactor();
    return s.db().read(c -> s.users().credentials(c, email))
        .compose(cred -> s.hashing().executeBlocking(() -> {
          if (cred.isEmpty() || cred.get().disabled()) {
            s.users().burn(password);
            return Optional.<Long>empty();
          }
          boolean ok = s.users().verify(password, cred.get().passwordHash());
          if (!ok) {
            s.desk().auditRecorder().signIn(email, address, "login.failed", null, cred.get().id());
          }
          return ok ? Optional.of(cred.get().id()) : Optional.<Long>empty();
        }, false))
        .compose(userId -> {
          if (userId.isEmpty()) {
            s.loginLimiter().failed(email, address);
            return Future.failedFuture(new ApiError(401, "login_failed", "e-mail or password is wrong"));
          }
          return s.db().write(c -> {
            SecondFactor.Step step = sf.stepAfterPassword(c, userId.get());
            if (step == SecondFactor.Step.NONE) {
              return new Outcome(signIn(c, userId.get()), null, null, false, email, userId.get());
            }
            if (step == SecondFactor.Step.CODE && code != null && !code.isBlank()) {
              return sf.verify(c, userId.get(), code) ? new Outcome(signIn(c, userId.get()), null, null, false, email, userId.get())
                  : Outcome.wrong(email, userId.get());
            }
            return new Outcome(null, step, sf.challenge(c, userId.get(), step), false, email, userId.get());
          }).compose(o -> finish(ctx, o));
        });
  }

  /** Opens a session for a user whose sign-in is complete (in the writer's transaction). */
  SignedIn signIn(java.sql.Connection c, long userId) throws java.sql.SQLException {
    Sessions.Session session = s.sessions().create(c, userId);
    return new SignedIn(s.users().principal(c, userId).orElseThrow(), session);
  }

  /** After the writer: the cookie for a session, the limiter for a wrong code, the challenge for a second step. */
  Future<Principal> finish(RoutingContext ctx, Outcome o) {
    if (o.wrongCode()) {
      s.loginLimiter().failed(o.email(), address(ctx));
      s.desk().auditRecorder().signIn(o.email(), address(ctx), "login.totp-failed", null, o.userId());
      return Future.failedFuture(new ApiError(401, "totp_invalid", "the code is wrong or was already used; type the current 6 digits"));
    }
    if (o.signedIn() == null) {
      return Future.failedFuture(new SecondStep(o.step(), o.challenge()));
    }
    s.loginLimiter().succeeded(o.email());
    Sessions.Session session = o.signedIn().session();
    ctx.response().addCookie(Cookie.cookie(COOKIE, session.token()).setPath("/").setHttpOnly(true)
        .setSecure(ctx.request().isSSL()).setSameSite(CookieSameSite.LAX).setMaxAge(Sessions.ABSOLUTE.toSeconds()));
    ctx.put(Http.CSRF, session.csrf());
    ctx.put(Http.PRINCIPAL, o.signedIn().principal());
    s.desk().auditRecorder().signIn(o.email(), address(ctx), "login.ok", o.signedIn().principal(), o.userId());
    return Future.succeededFuture(o.signedIn().principal());
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

  void loginPage(RoutingContext ctx, int status, String error) {
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
