package jp.mamori.console.web;

import static jp.mamori.console.web.Html.esc;

import io.vertx.ext.web.RoutingContext;
import jp.mamori.console.auth.Principal;

/** The page frame: header, navigation by role, language switch. Japanese unless the user chose English. */
public final class Layout {
  private Layout() {}

  public static void page(RoutingContext ctx, int status, String title, String body) {
    String lang = Http.lang(ctx);
    Principal p = ctx.get(Http.PRINCIPAL);
    String csrf = ctx.get(Http.CSRF);
    StringBuilder nav = new StringBuilder();
    if (p != null) {
      if (p.role().desk()) {
        nav.append(link("/tickets", I18n.t(lang, "nav.tickets"))).append(link("/boxes", I18n.t(lang, "nav.boxes")))
            .append(link("/chamber", I18n.t(lang, "nav.chamber"))).append(link("/chamber/advisories", I18n.t(lang, "nav.advisories")));
      } else {
        if (p.role().portal()) {
          nav.append(link("/portal", I18n.t(lang, "nav.portal")));
        }
        nav.append(link("/tickets", I18n.t(lang, p.role() == jp.mamori.console.auth.Role.PARTNER ? "desk.nav.partner" : "nav.mytickets")));
      }
      nav.append(jp.mamori.console.desk.DeskNav.links(p, lang));
      if (p.operator()) {
        nav.append(link("/agent-packages", I18n.t(lang, "agentpackages.title")));
      }
      nav.append("<span class=\"who\">").append(esc(p.displayName())).append("</span>")
          .append("<form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" name=\"_csrf\" value=\"")
          .append(esc(csrf)).append("\"><button type=\"submit\" class=\"link\">").append(esc(I18n.t(lang, "nav.logout")))
          .append("</button></form>");
    }
    String other = "en".equals(lang) ? "ja" : "en";
    String path = ctx.request().path();
    nav.append("<a class=\"lang\" href=\"").append(esc(path)).append("?lang=").append(other).append("\">")
        .append("en".equals(lang) ? "日本語" : "English").append("</a>");
    String html = "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + esc(title) + " — " + esc(I18n.t(lang, "app.name")) + "</title>"
        + "<link rel=\"stylesheet\" href=\"/static/app.css\"><link rel=\"stylesheet\" href=\"/static/desk.css\">"
        + "<link rel=\"stylesheet\" href=\"/static/portal.css\"><script src=\"/static/desk.js\" defer></script></head><body>"
        + "<header><a class=\"brand\" href=\"/\">" + esc(I18n.t(lang, "app.name")) + "</a><nav>" + nav + "</nav></header>"
        + "<main>" + body + "</main>"
        + "<footer>" + esc(I18n.t(lang, "app.footer")) + "</footer></body></html>";
    if (ctx.request().getParam("lang") != null) {
      ctx.response().addCookie(io.vertx.core.http.Cookie.cookie(Http.LANG_COOKIE, lang).setPath("/").setMaxAge(365L * 24 * 3600)
          .setSameSite(io.vertx.core.http.CookieSameSite.LAX));
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8").end(html);
  }

  private static String link(String href, String text) {
    return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
  }

  public static String csrfField(RoutingContext ctx) {
    return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(ctx.get(Http.CSRF)) + "\">";
  }

  /** The link under a list that continues on the next page. */
  public static String nextLink(String lang, String url) {
    return "<p class=\"actions\"><a class=\"button next\" rel=\"next\" href=\"" + esc(url) + "\">" + esc(I18n.t(lang, "list.next")) + "</a></p>";
  }

  public static String badge(String lang, String severity) {
    return "<span class=\"sev sev-" + esc(severity) + "\">" + esc(I18n.t(lang, "severity." + severity)) + "</span>";
  }
}
