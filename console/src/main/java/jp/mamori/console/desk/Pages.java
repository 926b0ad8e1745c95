package jp.mamori.console.desk;

import static jp.mamori.console.web.Html.esc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;

/** Small helpers the help desk's server-rendered pages share. */
public final class Pages {
  private Pages() {}

  /** Sends the visitor to the login page (and back here afterwards) when nobody is signed in. */
  public static boolean requireLogin(RoutingContext ctx) {
    if (ctx.get(Http.PRINCIPAL) == null) {
      ctx.redirect("/login?next=" + URLEncoder.encode(ctx.request().path(), StandardCharsets.UTF_8));
      return false;
    }
    return true;
  }

  /**
   * A page or form handler for signed-in people: anonymous visitors go to the login page, and whatever the
   * handler throws (a malformed id, a refusal) becomes an error page.
   */
  public static io.vertx.core.Handler<RoutingContext> page(io.vertx.core.Handler<RoutingContext> h) {
    return ctx -> {
      if (!requireLogin(ctx)) {
        return;
      }
      try {
        h.handle(ctx);
      } catch (RuntimeException e) {
        error(ctx, e);
      }
    };
  }

  public static String t(String lang, String key, Object... args) {
    return esc(I18n.t(lang, key, args));
  }

  /** Renders the page, or the refusal: 404 for what the visitor may not see, 403 for what their role may not do. */
  public static <T> void render(RoutingContext ctx, Future<T> data, Function<T, String[]> titleAndBody) {
    data.onSuccess(d -> {
      try {
        String[] tb = titleAndBody.apply(d);
        Layout.page(ctx, 200, tb[0], tb[1]);
      } catch (RuntimeException e) {
        error(ctx, e);
      }
    }).onFailure(e -> error(ctx, e));
  }

  /** A page answering a failed request: the status and a message people understand; never a stack trace. */
  public static void error(RoutingContext ctx, Throwable e) {
    if (ctx.response().ended()) {
      return;
    }
    String lang = Http.lang(ctx);
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof ApiError) && !(cause instanceof IllegalArgumentException)) {
      cause = cause.getCause();
    }
    int status = cause instanceof ApiError a ? a.status() : cause instanceof IllegalArgumentException || cause instanceof ClassCastException ? 400 : 500;
    String message = switch (status) {
      case 404 -> I18n.t(lang, "error.notfound");
      case 403 -> I18n.t(lang, "desk.error.forbidden");
      case 500 -> I18n.t(lang, "error.internal");
      default -> cause.getMessage();
    };
    if (status == 500) {
      org.slf4j.LoggerFactory.getLogger(Pages.class).error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
    }
    Layout.page(ctx, status, I18n.t(lang, "error.title"), "<p class=\"error\" role=\"alert\">" + esc(message) + "</p><p><a href=\"/tickets\">"
        + esc(I18n.t(lang, "error.back")) + "</a></p>");
  }

  /** Runs a form action and redirects (post/redirect/get), or shows the error. */
  public static void act(RoutingContext ctx, Future<?> action, String redirect) {
    action.onSuccess(x -> ctx.redirect(redirect)).onFailure(e -> error(ctx, e));
  }

  public static String form(RoutingContext ctx) {
    return Layout.csrfField(ctx);
  }

  public static String field(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** A select; options in order as value → label; the current value selected. */
  public static String select(String name, Map<String, String> options, String current, String cssClass) {
    StringBuilder b = new StringBuilder("<select name=\"").append(esc(name)).append("\"")
        .append(cssClass == null ? "" : " class=\"" + esc(cssClass) + "\"").append(">");
    options.forEach((v, label) -> b.append("<option value=\"").append(esc(v)).append("\"").append(v.equals(current) ? " selected" : "")
        .append(">").append(esc(label)).append("</option>"));
    return b.append("</select>").toString();
  }

  public static String time(Instant i) {
    return Html.time(i);
  }

  public static String time(String iso) {
    return iso == null ? "—" : Html.time(Instant.parse(iso));
  }

  /** The SLA state of a queue row as a coloured label with the next due time. */
  public static String slaBadge(String lang, String state, Instant due) {
    if (state == null || state.equals("none") || state.equals("done")) {
      return "<span class=\"sla sla-" + esc(state == null ? "none" : state) + "\">—</span>";
    }
    return "<span class=\"sla sla-" + esc(state) + "\">" + t(lang, "desk.sla.state." + state) + "</span>"
        + (due == null || state.equals("paused") ? "" : " <span class=\"due\">" + time(due) + "</span>");
  }

  /** 相談 → アドバイス → 復旧 → 調査 with the ticket's stage marked. */
  public static String stages(String lang, String current, List<String> all) {
    StringBuilder b = new StringBuilder("<ol class=\"stages\">");
    int at = all.indexOf(current);
    for (int i = 0; i < all.size(); i++) {
      b.append("<li class=\"").append(i < at ? "done" : i == at ? "current" : "todo").append("\">")
          .append(t(lang, "desk.stage." + all.get(i))).append("</li>");
    }
    return b.append("</ol>").toString();
  }

  public static String text(JsonObject j, String field) {
    return j == null || j.getValue(field) == null ? "" : esc(String.valueOf(j.getValue(field)));
  }
}
