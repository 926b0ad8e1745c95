package jp.mamori.agent.local;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.daemon.JobRunner;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.health.BoxProblem;
import jp.mamori.agent.health.HealthBanner;
import jp.mamori.agent.outbox.Outbox;
import jp.mamori.agent.selfcheck.Attestation;
import jp.mamori.agent.selfcheck.AttestationStore;
import jp.mamori.agent.selfcheck.ClientInfo;
import jp.mamori.agent.selfcheck.SelfCheck;
import jp.mamori.agent.selfcheck.SelfCheckPage;
import jp.mamori.checks.finding.Finding;
import jp.mamori.common.DiskSpace;
import jp.mamori.common.HtmlEscape;

/**
 * The box's own web server on the office LAN: the first-boot setup, the LAN scope consent, the home page
 * with the traffic lights, 相談する, and the PC self-check at {@code /check}. Thin: the pages are
 * {@link LocalPages}, the work is the daemon's ({@link LocalBox}).
 */
public final class LocalServerVerticle extends VerticleBase {
  static final String DEVICE_COOKIE = "mamori_device";
  static final String LANG_COOKIE = "mamori_lang";
  static final String CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
  /** How long a form post waits for the console before it tells the owner the request is kept for later. */
  static final Duration SEND_WAIT = Duration.ofSeconds(8);
  static final int MAX_SUBJECT = 200;
  static final int MAX_BODY = 20_000;

  private final String host;
  private final int port;
  private final AttestationStore store;
  private final Clock clock;
  private final Runnable onAttestation;
  private final LocalBox box;
  private final Csrf csrf;
  private final Set<String> hostNames;
  private final BoxHealth health;
  private HttpServer server;
  private Router router;

  /** Only the PC self-check (tests of the self-check alone). */
  public LocalServerVerticle(String host, int port, AttestationStore store, Clock clock, Runnable onAttestation) {
    this(host, port, store, clock, onAttestation, null, null, Set.of(), new BoxHealth(clock));
  }

  /**
   * The whole local site; {@code hostNames} are the names (besides IP literals) a browser may use for the box;
   * {@code health}: its problems show on the pages, and a self-check that cannot be saved is reported to it.
   */
  public LocalServerVerticle(String host, int port, AttestationStore store, Clock clock, Runnable onAttestation, LocalBox box, Csrf csrf,
      Set<String> hostNames, BoxHealth health) {
    this.host = host;
    this.port = port;
    this.store = store;
    this.clock = clock;
    this.onAttestation = onAttestation;
    this.box = box;
    this.csrf = csrf;
    this.hostNames = Set.copyOf(hostNames);
    this.health = health;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    // the body handler first: a handler before it would let the request body slip by unread
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024).setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(false));
    router.route().handler(this::guard);
    router.get("/check").handler(rc -> html(rc, 200, HealthBanner.onto(csrf == null ? SelfCheckPage.form()
        : SelfCheckPage.form("<input type=\"hidden\" name=\"" + Csrf.FIELD + "\" value=\"" + csrf.token(csrfId(rc)) + "\">"),
        health.problems())));
    router.get("/check/selfcheck.js").handler(rc -> rc.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
        .end(SelfCheckPage.js()));
    router.get("/check/selfcheck.css").handler(rc -> rc.response().putHeader("Content-Type", "text/css; charset=utf-8")
        .end(SelfCheckPage.css()));
    router.get("/check/eicar.com.txt").handler(rc -> rc.response().putHeader("Content-Type", "text/plain")
        .putHeader("Cache-Control", "no-store").end(SelfCheckPage.eicar()));
    router.post("/check/result").handler(this::result);
    if (box != null) {
      String css = resource("local.css");
      String js = resource("local.js");
      router.get("/static/local.css").handler(rc -> rc.response().putHeader("Content-Type", "text/css; charset=utf-8")
          .putHeader("Cache-Control", "max-age=3600").end(css));
      router.get("/static/local.js").handler(rc -> rc.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
          .putHeader("Cache-Control", "max-age=3600").end(js));
      router.get("/").handler(this::home);
      router.get("/setup").handler(this::setupForm);
      router.get("/scope").handler(this::scopePage);
      router.get("/consult").handler(this::consultForm);
      router.post("/setup").handler(this::setupPost);
      router.post("/scope").handler(this::scopePost);
      router.post("/consult").handler(this::consultPost);
      router.post("/advisories/:id/ack").handler(this::ackPost);
      router.route().last().handler(rc -> html(rc, 404, pages(rc).message("nav.home", pages(rc).t("error.notFound"))));
    }
    return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s);
  }

  public Router router() {
    return router;
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  // ---- plumbing -----------------------------------------------------------------------------------

  /**
   * Refuses host names that are not the box's (a web page elsewhere that re-points its own name at the box,
   * DNS rebinding, must not read or post the pages) and sets the language.
   */
  private void guard(RoutingContext rc) {
    if (box != null && !allowedHost(rc.request().authority() == null ? null : rc.request().authority().host(), hostNames)) {
      rc.response().setStatusCode(421).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(LocalText.t("ja", "error.host") + "\n" + LocalText.t("en", "error.host") + "\n");
      return;
    }
    String lang = rc.request().getParam("lang");
    if (lang != null && (lang.equals("ja") || lang.equals("en"))) {
      rc.response().addCookie(Cookie.cookie(LANG_COOKIE, lang).setPath("/").setSameSite(CookieSameSite.STRICT).setMaxAge(365L * 24 * 3600));
      rc.put(LANG_COOKIE, lang);
    }
    rc.next();
  }

  static boolean allowedHost(String host, Set<String> names) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.startsWith("[") || h.contains(":")) {
      return true;
    }
    return names.contains(h);
  }

  private String lang(RoutingContext rc) {
    String chosen = rc.get(LANG_COOKIE);
    if (chosen == null) {
      Cookie c = rc.request().getCookie(LANG_COOKIE);
      chosen = c == null ? null : c.getValue();
    }
    return LocalText.lang(chosen);
  }

  /** The browser's CSRF id, made (and set as a cookie) on its first page. */
  private String csrfId(RoutingContext rc) {
    String existing = rc.get(Csrf.COOKIE);
    if (existing != null) {
      return existing;
    }
    Cookie c = rc.request().getCookie(Csrf.COOKIE);
    String id = c != null && Csrf.wellFormedId(c.getValue()) ? c.getValue() : null;
    if (id == null) {
      id = Csrf.newId();
      rc.response().addCookie(Cookie.cookie(Csrf.COOKIE, id).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT));
    }
    rc.put(Csrf.COOKIE, id);
    return id;
  }

  private LocalPages pages(RoutingContext rc) {
    return new LocalPages(lang(rc), csrf.token(csrfId(rc)), box.zone());
  }

  private boolean csrfOk(RoutingContext rc) {
    Cookie c = rc.request().getCookie(Csrf.COOKIE);
    return c != null && csrf.valid(c.getValue(), rc.request().getFormAttribute(Csrf.FIELD));
  }

  private static String field(MultiMap form, String name) {
    String v = form.get(name);
    return v == null ? "" : v.strip();
  }

  private static void html(RoutingContext rc, int status, String body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff").putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-store").putHeader("Content-Security-Policy", CSP)
        .end(body);
  }

  private static void seeOther(RoutingContext rc, String location) {
    rc.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  private static String resource(String name) {
    try (InputStream in = LocalServerVerticle.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource jp/mamori/agent/local/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read jp/mamori/agent/local/" + name, e);
    }
  }

  private void fail(RoutingContext rc, Throwable e) {
    html(rc, 500, pages(rc).message("nav.home", pages(rc).t("error.console.other", e.getMessage())));
  }

  // ---- setup --------------------------------------------------------------------------------------

  /** Before enrollment every page leads to the setup; while the enrolled work starts, a moment's patience. */
  private void notReady(RoutingContext rc) {
    if (box.agentConfig().get(AgentConfig.BOX_CREDENTIAL).isPresent()) {
      rc.response().putHeader("Retry-After", "5");
      html(rc, 503, pages(rc).message("nav.home", pages(rc).t("error.busy")));
    } else {
      seeOther(rc, "/setup");
    }
  }

  private void setupForm(RoutingContext rc) {
    if (box.running().isPresent() || box.agentConfig().get(AgentConfig.BOX_CREDENTIAL).isPresent()) {
      html(rc, 200, pages(rc).setupClosed());
      return;
    }
    html(rc, 200, pages(rc).setup(box.agentConfig().get(AgentConfig.CONSOLE_URL).orElse(""), "", null));
  }

  private void setupPost(RoutingContext rc) {
    MultiMap form = rc.request().formAttributes();
    String console = field(form, "console");
    String token = field(form, "token");
    LocalPages p = pages(rc);
    if (box.running().isPresent() || box.agentConfig().get(AgentConfig.BOX_CREDENTIAL).isPresent()) {
      html(rc, 409, p.setupClosed());
      return;
    }
    if (!csrfOk(rc)) {
      html(rc, 403, p.setup(console, token, "error.csrf"));
      return;
    }
    if (console.isEmpty() || token.isEmpty()) {
      html(rc, 400, p.setup(console, token, console.isEmpty() ? "error.console.empty" : "error.token.empty"));
      return;
    }
    box.enroll(console, token).onSuccess(config -> seeOther(rc, "/scope")).onFailure(e -> {
      if (box.running().isPresent()) {
        html(rc, 409, p.setupClosed());
        return;
      }
      SetupError err = SetupError.of(e);
      int status = e instanceof IllegalArgumentException ? 400 : 502;
      html(rc, status, p.setup(console, token, err.key(), err.arg() == null ? new Object[0] : new Object[] {err.arg()}));
    });
  }

  // ---- scope --------------------------------------------------------------------------------------

  private LocalPages.ScopeState scopeState() {
    AgentConfig c = box.agentConfig();
    return new LocalPages.ScopeState(c.get(AgentConfig.LAN_SCOPE).orElse(null), c.get(AgentConfig.LAN_SCOPE_CONSENTED_AT).orElse(null),
        c.get(AgentConfig.LAN_SCOPE_CONSENTED_BY).orElse(null), c.get(AgentConfig.LAN_SCOPE_DECLINED_AT).orElse(null),
        c.get(AgentConfig.LAN_SCOPE_DECLINED_BY).orElse(null));
  }

  private void scopePage(RoutingContext rc) {
    if (box.running().isEmpty()) {
      notReady(rc);
      return;
    }
    renderScope(rc, 200, "", null);
  }

  private void renderScope(RoutingContext rc, int status, String name, String errorKey) {
    LocalPages p = pages(rc);
    vertx.executeBlocking(box::proposal).onSuccess(proposal -> html(rc, status, p.scope(proposal.orElse(null), scopeState(), name, errorKey)))
        .onFailure(e -> fail(rc, e));
  }

  private void scopePost(RoutingContext rc) {
    if (box.running().isEmpty()) {
      notReady(rc);
      return;
    }
    MultiMap form = rc.request().formAttributes();
    String name = field(form, "name");
    if (!csrfOk(rc)) {
      renderScope(rc, 403, name, "error.csrf");
      return;
    }
    String decision = field(form, "decision");
    if (name.isEmpty() || name.length() > 60) {
      renderScope(rc, 400, name, "scope.nameRequired");
      return;
    }
    if (!decision.equals("accept") && !decision.equals("decline")) {
      renderScope(rc, 400, name, "scope.changed");
      return;
    }
    box.decideScope(decision.equals("accept"), field(form, "scope"), name).onSuccess(c -> seeOther(rc, "/"))
        .onFailure(e -> renderScope(rc, e instanceof IllegalArgumentException ? 409 : 500, name, "scope.changed"));
  }

  // ---- home ---------------------------------------------------------------------------------------

  private void home(RoutingContext rc) {
    if (box.running().isEmpty()) {
      notReady(rc);
      return;
    }
    LocalBox.Running r = box.running().get();
    LocalPages p = pages(rc);
    AgentConfig config = box.agentConfig();
    r.view().refresh(Duration.ofSeconds(30), Duration.ofSeconds(4))
        .compose(v -> r.db().read(c -> {
          Map<Long, LocalRequests.Request> acks = new HashMap<>();
          for (LocalRequests.Request a : r.requests().recent(c, LocalRequests.ADVISORY_ACK, 100)) {
            acks.putIfAbsent(a.body().getLong("advisoryId"), a);
          }
          List<LocalPages.JobLine> jobs = new ArrayList<>();
          for (JobRunner.JobStatus s : r.runner().status().values()) {
            Instant last = s.lastFinished() != null ? s.lastFinished()
                : new Outbox(clock).state(c, "job.last-finished." + s.name()).map(Instant::parse).orElse(null);
            jobs.add(new LocalPages.JobLine(s.name(), s.running(), last, s.lastFindings(), s.lastError(), s.nextRun()));
          }
          jobs.sort(Comparator.comparing(LocalPages.JobLine::name));
          List<BoxProblem> problems = box.problems();
          boolean unreachable = problems.stream().anyMatch(x -> x.code().equals(BoxProblem.CONSOLE_UNREACHABLE));
          return new LocalPages.Home(config.get(AgentConfig.SME_NAME).orElse(null), config.get(AgentConfig.CHAMBER_NAME).orElse(null),
              problems, stale(r.view().status(), unreachable), stale(r.view().advisories(), unreachable), acks, jobs, scopeState());
        }))
        .onSuccess(h -> html(rc, 200, p.home(h)))
        .onFailure(e -> fail(rc, e));
  }

  /** While the console is unreachable what is kept is old news, whatever its age. */
  private static LocalPages.Cached stale(LocalPages.Cached c, boolean unreachable) {
    return c == null || !unreachable ? c : new LocalPages.Cached(c.value(), c.fetchedAt(), true);
  }

  private void ackPost(RoutingContext rc) {
    if (box.running().isEmpty()) {
      notReady(rc);
      return;
    }
    long id;
    try {
      id = Long.parseLong(rc.pathParam("id"));
    } catch (NumberFormatException e) {
      html(rc, 404, pages(rc).message("nav.home", pages(rc).t("error.notFound")));
      return;
    }
    String by = field(rc.request().formAttributes(), "by");
    if (!csrfOk(rc)) {
      html(rc, 403, pages(rc).message("nav.home", pages(rc).t("error.csrf")));
      return;
    }
    if (by.isEmpty() || by.length() > 100) {
      html(rc, 400, pages(rc).message("nav.home", pages(rc).t("scope.nameRequired")));
      return;
    }
    LocalBox.Running r = box.running().get();
    r.db().write(c -> r.requests().add(c, LocalRequests.ADVISORY_ACK, new JsonObject().put("advisoryId", id).put("by", by)))
        .compose(req -> wait(r, req))
        .onSuccess(req -> {
          r.view().invalidate();
          seeOther(rc, "/#advisory-" + id);
        })
        .onFailure(e -> fail(rc, e));
  }

  /** The request's state after one delivery attempt, or as stored when the console takes too long. */
  private Future<LocalRequests.Request> wait(LocalBox.Running r, LocalRequests.Request req) {
    Promise<LocalRequests.Request> done = Promise.promise();
    long timer = vertx.setTimer(SEND_WAIT.toMillis(), t -> done.tryComplete(req));
    r.sender().attempt(req.id()).onComplete(ar -> {
      vertx.cancelTimer(timer);
      done.tryComplete(ar.succeeded() ? ar.result() : req);
    });
    return done.future();
  }

  // ---- 相談する ------------------------------------------------------------------------------------

  private void consultForm(RoutingContext rc) {
    if (box.running().isEmpty()) {
      notReady(rc);
      return;
    }
    LocalBox.Running r = box.running().get();
    LocalPages p = pages(rc);
    r.db().read(c -> r.requests().recent(c, LocalRequests.CONSULTATION, 10))
        .onSuccess(history -> html(rc, 200, p.consultForm(null, null, history)))
        .onFailure(e -> fail(rc, e));
  }

  private void consultPost(RoutingContext rc) {
    if (box.running().isEmpty()) {
      notReady(rc);
      return;
    }
    LocalBox.Running r = box.running().get();
    MultiMap form = rc.request().formAttributes();
    LocalPages.Consultation typed = new LocalPages.Consultation(field(form, "subject"), field(form, "body"), field(form, "contactName"),
        field(form, "contactPhone"));
    LocalPages p = pages(rc);
    String error = !csrfOk(rc) ? p.t("error.csrf") : validate(p, typed);
    if (error != null) {
      r.db().read(c -> r.requests().recent(c, LocalRequests.CONSULTATION, 10))
          .onSuccess(history -> html(rc, error.equals(p.t("error.csrf")) ? 403 : 400, p.consultForm(typed, error, history)))
          .onFailure(e -> fail(rc, e));
      return;
    }
    JsonObject body = new JsonObject().put("subject", typed.subject().isEmpty() ? null : typed.subject()).put("body", typed.body())
        .put("contactName", typed.contactName().isEmpty() ? null : typed.contactName())
        .put("contactPhone", typed.contactPhone().isEmpty() ? null : typed.contactPhone());
    r.db().write(c -> r.requests().add(c, LocalRequests.CONSULTATION, body))
        .compose(req -> wait(r, req))
        .compose(req -> r.db().read(c -> r.requests().recent(c, LocalRequests.CONSULTATION, 10)).map(history -> p.consultResult(req, history)))
        .onSuccess(page -> html(rc, 200, page))
        .onFailure(e -> html(rc, 503, p.consultForm(typed, p.t("error.busy"), List.of())));
  }

  /** The console's limits, checked before anything is stored, so a kept request is never refused for its size. */
  static String validate(LocalPages p, LocalPages.Consultation c) {
    if (c.body().isEmpty()) {
      return p.t("consult.error.body");
    }
    if (c.subject().length() > MAX_SUBJECT) {
      return p.t("consult.error.long", p.t("consult.subject"), MAX_SUBJECT);
    }
    if (c.body().length() > MAX_BODY) {
      return p.t("consult.error.long", p.t("consult.body"), MAX_BODY);
    }
    if (c.contactName().length() > 100) {
      return p.t("consult.error.long", p.t("consult.name"), 100);
    }
    if (c.contactPhone().length() > 40) {
      return p.t("consult.error.long", p.t("consult.phone"), 40);
    }
    return null;
  }

  // ---- PC self-check ------------------------------------------------------------------------------

  private void result(RoutingContext rc) {
    if (csrf != null && !csrfOk(rc)) {
      html(rc, 403, "<!doctype html><meta charset=utf-8><p>" + HtmlEscape.esc(LocalText.t("ja", "error.csrf")) + "<br>"
          + HtmlEscape.esc(LocalText.t("en", "error.csrf")) + "</p><p><a href=\"/check\">戻る / back</a></p>");
      return;
    }
    var form = rc.request().formAttributes();
    String name = form.get("name") == null ? "" : form.get("name").strip();
    String av = form.get("av");
    String defs = form.get("defs");
    String updates = form.get("updates");
    if (name.isEmpty() || name.length() > 60 || !SelfCheck.ANSWERS.contains(av) || !SelfCheck.ANSWERS.contains(defs)
        || !SelfCheck.ANSWERS.contains(updates)) {
      html(rc, 400, "<!doctype html><meta charset=utf-8><p>名前を入れて、すべての質問に答えてください。"
          + "(name and all answers are required)</p><p><a href=\"/check\">戻る</a></p>");
      return;
    }
    Cookie cookie = rc.request().getCookie(DEVICE_COOKIE);
    String deviceId = cookie != null && cookie.getValue().matches("[0-9a-f-]{36}") ? cookie.getValue() : UUID.randomUUID().toString();
    String blocked = form.get("eicarBlocked");
    ClientInfo client = ClientInfo.parse(rc.request().getHeader("User-Agent"),
        first(form.get("platform"), rc.request().getHeader("Sec-CH-UA-Platform")),
        first(form.get("platformVersion"), rc.request().getHeader("Sec-CH-UA-Platform-Version")));
    Attestation a = new Attestation(deviceId, name, rc.request().remoteAddress().hostAddress(), client,
        "true".equals(blocked) ? Boolean.TRUE : "false".equals(blocked) ? Boolean.FALSE : null, av, defs, updates, clock.instant());
    vertx.executeBlocking(() -> {
      try {
        store.put(a);
        health.fileWritten(store.file());
      } catch (IOException e) {
        health.fileWriteFailed(store.file(), e);
        throw e;
      }
      return SelfCheck.evaluate(a, clock);
    }).onSuccess((List<Finding> findings) -> {
      rc.response().addCookie(Cookie.cookie(DEVICE_COOKIE, deviceId).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
          .setPath("/check").setMaxAge(10L * 365 * 24 * 3600));
      if (onAttestation != null) {
        onAttestation.run();
      }
      html(rc, 200, SelfCheckPage.result(name, findings));
    }).onFailure(e -> html(rc, 503, "<!doctype html><meta charset=utf-8><p>記録できませんでした。しばらくしてからもう一度お試しください。</p>"
        + (DiskSpace.isFull(e) ? "<p>ボックスの記録用の容量がいっぱいです。商工会議所の相談窓口にご連絡ください。"
            + "(The box's storage is full; please contact your chamber's help desk.)</p>" : "")));
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
