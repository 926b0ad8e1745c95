package jp.mamori.console.auth;

import static jp.mamori.console.web.Html.esc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.desk.Pages;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;

/**
 * The second factor: the sign-in steps after a correct password (a code, or setting the factor up first),
 * a person's own set-up and recovery codes, and an administrator's reset for a lost phone. API and pages.
 */
public final class TotpRoutes {
  private final Services s;
  private final AuthRoutes auth;

  TotpRoutes(Services s, AuthRoutes auth) {
    this.s = s;
    this.auth = auth;
  }

  public void mount(Router r) {
    r.post("/api/v1/auth/totp").handler(ctx -> Http.api(ctx, c -> codeStep(c, Http.body(c).getString("challenge"), Http.body(c).getString("code"))
        .map(p -> p.toJson().put("csrfToken", (String) c.get(Http.CSRF))), 200));
    r.post("/api/v1/auth/totp/enrolment").handler(ctx -> Http.api(ctx, c -> enrolStart(Http.body(c).getString("challenge")), 200));
    r.post("/api/v1/auth/totp/enrolment/confirm").handler(ctx -> Http.api(ctx, c -> enrolConfirm(c, Http.body(c).getString("challenge"),
        Http.body(c).getString("code")), 200));
    r.get("/api/v1/me/totp").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      return s.db().read(conn -> s.desk().secondFactor().status(conn, p.userId()).toJson());
    }, 200));
    r.post("/api/v1/me/totp").handler(ctx -> Http.api(ctx, c -> start(Http.principal(c)), 200));
    r.post("/api/v1/me/totp/confirm").handler(ctx -> Http.api(ctx, c -> confirm(Http.principal(c), Http.body(c).getString("code"))
        .map(codes -> new JsonObject().put("enabled", true).put("recoveryCodes", new JsonArray(codes))), 200));
    r.post("/api/v1/me/recovery-codes").handler(ctx -> Http.api(ctx, c -> regenerate(Http.principal(c), Http.body(c).getString("code"))
        .map(codes -> new JsonObject().put("recoveryCodes", new JsonArray(codes))), 200));
    r.post("/api/v1/users/:id/totp-reset").handler(ctx -> Http.api(ctx, this::reset, 200));
    r.post("/login/totp").handler(this::formCode);
    r.post("/login/totp-enrol").handler(this::formEnrol);
    r.get("/account/security").handler(Pages.page(this::securityPage));
    r.post("/account/security/start").handler(Pages.page(ctx -> start(Http.principal(ctx)).onSuccess(x -> ctx.redirect("/account/security"))
        .onFailure(e -> Pages.error(ctx, e))));
    r.post("/account/security/confirm").handler(Pages.page(ctx -> confirm(Http.principal(ctx), ctx.request().getFormAttribute("code"))
        .onSuccess(codes -> codesPage(ctx, codes, "/account/security")).onFailure(e -> Pages.error(ctx, e))));
    r.post("/account/security/recovery-codes").handler(Pages.page(ctx -> regenerate(Http.principal(ctx), ctx.request().getFormAttribute("code"))
        .onSuccess(codes -> codesPage(ctx, codes, "/account/security")).onFailure(e -> Pages.error(ctx, e))));
  }

  private SecondFactor sf() {
    return s.desk().secondFactor();
  }

  // ---- sign-in steps

  /** The code step: the challenge from the password step and a TOTP or recovery code. */
  Future<Principal> codeStep(RoutingContext ctx, String challenge, String code) {
    return s.db().write(c -> {
      long userId = sf().redeem(c, challenge, SecondFactor.Step.CODE);
      String email = Jdbc.one(c, "SELECT email FROM users WHERE id = ?", rs -> rs.getString(1), userId).orElseThrow();
      if (!sf().verify(c, userId, code)) {
        return AuthRoutes.Outcome.wrong(email, userId);
      }
      sf().consume(c, challenge);
      return new AuthRoutes.Outcome(auth.signIn(c, userId), null, null, false, email, userId);
    }).compose(o -> auth.finish(ctx, o));
  }

  private Future<JsonObject> enrolStart(String challenge) {
    return s.db().write(c -> {
      long userId = sf().redeem(c, challenge, SecondFactor.Step.ENROL);
      String email = Jdbc.one(c, "SELECT email FROM users WHERE id = ?", rs -> rs.getString(1), userId).orElseThrow();
      String secret = sf().startEnrolment(c, userId);
      return new JsonObject().put("secret", secret).put("otpauthUri", Totp.uri(SecondFactor.ISSUER, email, secret));
    });
  }

  record Enrolled(Principal principal, List<String> codes) {}

  /** Confirms the set-up begun at sign-in and opens the session; a wrong code keeps the step open (attempts permitting). */
  private Future<Enrolled> enrolled(RoutingContext ctx, String challenge, String code) {
    record Result(AuthRoutes.Outcome outcome, List<String> codes) {}
    return s.db().write(c -> {
      long userId = sf().redeem(c, challenge, SecondFactor.Step.ENROL);
      String email = Jdbc.one(c, "SELECT email FROM users WHERE id = ?", rs -> rs.getString(1), userId).orElseThrow();
      List<String> codes;
      try {
        codes = sf().confirm(c, userId, code);
      } catch (ApiError e) {
        return new Result(AuthRoutes.Outcome.wrong(email, userId), null);
      }
      sf().consume(c, challenge);
      s.desk().audit().change(c, s.users().principal(c, userId).orElse(null), "totp.enable", "user", userId, null, null, null);
      return new Result(new AuthRoutes.Outcome(auth.signIn(c, userId), null, null, false, email, userId), codes);
    }).compose(r -> auth.finish(ctx, r.outcome()).map(p -> new Enrolled(p, r.codes())));
  }

  private Future<JsonObject> enrolConfirm(RoutingContext ctx, String challenge, String code) {
    return enrolled(ctx, challenge, code).map(e -> e.principal().toJson().put("csrfToken", (String) ctx.get(Http.CSRF))
        .put("recoveryCodes", new JsonArray(e.codes())));
  }

  // ---- one's own set-up

  private Future<JsonObject> start(Principal p) {
    return s.db().write(c -> {
      String secret = sf().startEnrolment(c, p.userId());
      return new JsonObject().put("secret", secret).put("otpauthUri", Totp.uri(SecondFactor.ISSUER, p.email(), secret));
    });
  }

  private Future<List<String>> confirm(Principal p, String code) {
    return s.db().write(c -> {
      List<String> codes = sf().confirm(c, p.userId(), code);
      s.desk().audit().change(c, p, "totp.enable", "user", p.userId(), null, null, null);
      return codes;
    });
  }

  private Future<List<String>> regenerate(Principal p, String code) {
    return s.db().write(c -> {
      if (!sf().verify(c, p.userId(), code)) {
        throw new ApiError(400, "totp_invalid", "type a current code from the authenticator app to get new recovery codes");
      }
      s.desk().audit().change(c, p, "totp.recovery-codes", "user", p.userId(), null, null, null);
      return sf().newRecoveryCodes(c, p.userId());
    });
  }

  /** The operator resets anyone; a chamber admin the advisors of their chambers. */
  private Future<JsonObject> reset(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      Principal target = s.users().principal(c, id).orElseThrow(() -> ApiError.notFound("user " + id));
      boolean sameChamber = target.chamberIds().stream().anyMatch(p::administers);
      if (!p.operator() && !(sameChamber && (target.role() == Role.ADVISOR))) {
        if (p.role() == Role.CHAMBER_ADMIN && sameChamber) {
          throw ApiError.forbidden("only the operator resets a chamber admin's second factor");
        }
        throw ApiError.notFound("user " + id);
      }
      sf().reset(c, id);
      s.desk().audit().change(c, p, "totp.reset", "user", id, target.chamberIds().stream().findFirst().orElse(null), null, null);
      return sf().status(c, id).toJson().put("userId", id);
    });
  }

  // ---- pages

  /** The page after a correct password: type the code, or set the authenticator up first. */
  void secondStepPage(RoutingContext ctx, SecondFactor.Step step, String challenge, String next, String error) {
    String lang = Http.lang(ctx);
    if (step == SecondFactor.Step.CODE) {
      String body = "<section class=\"login totp\"><h1>" + Pages.t(lang, "desk.totp.code.title") + "</h1>"
          + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>")
          + "<p>" + Pages.t(lang, "desk.totp.code.lead") + "</p><form method=\"post\" action=\"/login/totp\">"
          + "<input type=\"hidden\" name=\"challenge\" value=\"" + esc(challenge) + "\"><input type=\"hidden\" name=\"next\" value=\"" + esc(next) + "\">"
          + "<label>" + Pages.t(lang, "desk.totp.code") + "<input type=\"text\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
          + "maxlength=\"19\" required autofocus></label><button type=\"submit\">" + Pages.t(lang, "login.submit") + "</button></form></section>";
      Layout.page(ctx, error == null ? 200 : 401, I18n.t(lang, "desk.totp.code.title"), body);
      return;
    }
    s.db().write(c -> {
      long userId = sf().redeem(c, challenge, SecondFactor.Step.ENROL);
      String email = Jdbc.one(c, "SELECT email FROM users WHERE id = ?", rs -> rs.getString(1), userId).orElseThrow();
      String secret = sf().secretOfPending(c, userId);
      if (secret == null) {
        secret = sf().startEnrolment(c, userId);
      }
      return new String[] {secret, Totp.uri(SecondFactor.ISSUER, email, secret)};
    }).onSuccess(x -> {
      String body = "<section class=\"login totp\"><h1>" + Pages.t(lang, "desk.totp.enrol.title") + "</h1>"
          + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>")
          + "<p>" + Pages.t(lang, "desk.totp.enrol.lead") + "</p>" + secretBlock(lang, x[0], x[1])
          + "<form method=\"post\" action=\"/login/totp-enrol\"><input type=\"hidden\" name=\"challenge\" value=\"" + esc(challenge) + "\">"
          + "<input type=\"hidden\" name=\"next\" value=\"" + esc(next) + "\"><label>" + Pages.t(lang, "desk.totp.code")
          + "<input type=\"text\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\" required></label>"
          + "<button type=\"submit\">" + Pages.t(lang, "desk.totp.enrol.submit") + "</button></form></section>";
      Layout.page(ctx, error == null ? 200 : 401, I18n.t(lang, "desk.totp.enrol.title"), body);
    }).onFailure(e -> auth.loginPage(ctx, 401, I18n.t(lang, "desk.totp.expired")));
  }

  private static String secretBlock(String lang, String secret, String uri) {
    return "<dl class=\"facts totp-secret\"><dt>" + Pages.t(lang, "desk.totp.secret") + "</dt><dd><code class=\"secret\">" + esc(secret)
        + "</code></dd><dt>" + Pages.t(lang, "desk.totp.uri") + "</dt><dd><code class=\"otpauth\">" + esc(uri) + "</code></dd></dl>";
  }

  private void formCode(RoutingContext ctx) {
    String challenge = ctx.request().getFormAttribute("challenge");
    String next = AuthRoutes.safeNext(ctx.request().getFormAttribute("next"));
    codeStep(ctx, challenge, ctx.request().getFormAttribute("code")).onSuccess(p -> ctx.redirect(next)).onFailure(e -> {
      String lang = Http.lang(ctx);
      if (e instanceof ApiError a && a.code().equals("totp_invalid")) {
        secondStepPage(ctx, SecondFactor.Step.CODE, challenge, next, I18n.t(lang, "desk.totp.wrong"));
      } else {
        auth.loginPage(ctx, 401, I18n.t(lang, e instanceof ApiError a && a.code().equals("rate_limited") ? "login.limited" : "desk.totp.expired"));
      }
    });
  }

  private void formEnrol(RoutingContext ctx) {
    String challenge = ctx.request().getFormAttribute("challenge");
    String next = AuthRoutes.safeNext(ctx.request().getFormAttribute("next"));
    enrolled(ctx, challenge, ctx.request().getFormAttribute("code")).onSuccess(e -> codesPage(ctx, e.codes(), next)).onFailure(e -> {
      String lang = Http.lang(ctx);
      if (e instanceof ApiError a && a.code().equals("totp_invalid")) {
        secondStepPage(ctx, SecondFactor.Step.ENROL, challenge, next, I18n.t(lang, "desk.totp.wrong"));
      } else {
        auth.loginPage(ctx, 401, I18n.t(lang, "desk.totp.expired"));
      }
    });
  }

  private static void codesPage(RoutingContext ctx, List<String> codes, String next) {
    String lang = Http.lang(ctx);
    StringBuilder b = new StringBuilder("<section class=\"login totp\"><h1>").append(Pages.t(lang, "desk.totp.codes.title")).append("</h1><p>")
        .append(Pages.t(lang, "desk.totp.codes.lead")).append("</p><ul class=\"recovery-codes\">");
    codes.forEach(code -> b.append("<li><code>").append(esc(code)).append("</code></li>"));
    b.append("</ul><p><a class=\"button\" href=\"").append(esc(next)).append("\">").append(Pages.t(lang, "desk.totp.continue")).append("</a></p></section>");
    Layout.page(ctx, 200, I18n.t(lang, "desk.totp.codes.title"), b.toString());
  }

  private void securityPage(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    Pages.render(ctx, s.db().read(c -> {
      SecondFactor.Status st = sf().status(c, p.userId());
      return new Object[] {st, st.pending() ? sf().secretOfPending(c, p.userId()) : null};
    }), x -> {
      SecondFactor.Status st = (SecondFactor.Status) x[0];
      String pending = (String) x[1];
      String title = I18n.t(lang, "desk.nav.security");
      StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append("</h1><section class=\"panel\"><h2>").append(Pages.t(lang, "desk.totp"))
          .append("</h2><p class=\"totp-state\">").append(Pages.t(lang, st.enabled() ? "desk.totp.on" : "desk.totp.off")).append("</p>");
      if (st.required() && !st.enabled()) {
        b.append("<p class=\"notice\">").append(Pages.t(lang, "desk.totp.requiredBy", Pages.time(st.requiredFrom()))).append("</p>");
      }
      if (st.enabled()) {
        b.append("<p>").append(Pages.t(lang, "desk.totp.codesLeft", Integer.toString(st.recoveryCodesLeft()))).append("</p>")
            .append("<form method=\"post\" action=\"/account/security/recovery-codes\" class=\"panel\">").append(Layout.csrfField(ctx))
            .append("<label>").append(Pages.t(lang, "desk.totp.code")).append("<input type=\"text\" name=\"code\" inputmode=\"numeric\" maxlength=\"6\" required>")
            .append("</label><button type=\"submit\">").append(Pages.t(lang, "desk.totp.regenerate")).append("</button></form>");
      } else if (pending != null) {
        b.append("<p>").append(Pages.t(lang, "desk.totp.enrol.lead")).append("</p>")
            .append(secretBlock(lang, pending, Totp.uri(SecondFactor.ISSUER, p.email(), pending)))
            .append("<form method=\"post\" action=\"/account/security/confirm\" class=\"panel\">").append(Layout.csrfField(ctx)).append("<label>")
            .append(Pages.t(lang, "desk.totp.code")).append("<input type=\"text\" name=\"code\" inputmode=\"numeric\" maxlength=\"6\" required></label>")
            .append("<button type=\"submit\">").append(Pages.t(lang, "desk.totp.enrol.submit")).append("</button></form>");
      } else {
        b.append("<form method=\"post\" action=\"/account/security/start\">").append(Layout.csrfField(ctx)).append("<button type=\"submit\">")
            .append(Pages.t(lang, "desk.totp.start")).append("</button></form>");
      }
      return new String[] {title, b.append("</section>").toString()};
    });
  }
}
