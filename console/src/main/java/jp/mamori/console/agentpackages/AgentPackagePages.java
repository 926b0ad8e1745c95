package jp.mamori.console.agentpackages;

import static jp.mamori.console.web.Html.esc;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.boxes.Boxes;
import jp.mamori.console.portal.PortalRoutes;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;

/** The operator's page for agent upgrades: publish (the API, through the desk's upload script), release, withdraw, and what the boxes run. */
public final class AgentPackagePages {
  private final Services s;
  private final AgentPackages packages;
  private final AgentPackageRoutes api;

  public AgentPackagePages(Services s, AgentPackages packages, AgentPackageRoutes api) {
    this.s = s;
    this.packages = packages;
    this.api = api;
  }

  public void mount(Router r) {
    r.get("/agent-packages").handler(this::page);
    r.post("/agent-packages/:version/release").handler(this::releasePost);
    r.post("/agent-packages/:version/withdraw").handler(this::withdrawPost);
  }

  private Principal operator(RoutingContext ctx) {
    Principal p = ctx.get(Http.PRINCIPAL);
    if (p == null) {
      ctx.redirect("/login?next=" + URLEncoder.encode("/agent-packages", StandardCharsets.UTF_8));
      return null;
    }
    if (!p.operator()) {
      PortalRoutes.error(ctx, ApiError.forbidden(I18n.t(Http.lang(ctx), "agentpackages.forbidden")));
      return null;
    }
    return p;
  }

  private record View(List<AgentPackages.Published> packages, List<Tenants.Chamber> chambers, List<Boxes.Box> boxes) {}

  private void page(RoutingContext ctx) {
    Principal p = operator(ctx);
    if (p == null) {
      return;
    }
    String lang = Http.lang(ctx);
    s.db().read(c -> new View(packages.list(c), s.tenants().chambers(c, p), s.boxes().list(c, p))).onSuccess(v -> {
      Map<Long, String> names = v.chambers().stream().collect(Collectors.toMap(Tenants.Chamber::id, Tenants.Chamber::name));
      StringBuilder b = new StringBuilder("<h1>").append(esc(I18n.t(lang, "agentpackages.title"))).append("</h1><p>")
          .append(esc(I18n.t(lang, "agentpackages.intro"))).append("</p>");
      b.append("<h2>").append(esc(I18n.t(lang, "agentpackages.upload"))).append("</h2>")
          .append("<form class=\"attach agent-package-upload\" data-upload-url=\"/api/v1/agent-packages\" ")
          .append("data-content-type=\"application/vnd.debian.binary-package\">").append(Layout.csrfField(ctx))
          .append("<input type=\"file\" name=\"deb\" accept=\".deb,application/vnd.debian.binary-package\" required> ")
          .append("<button type=\"submit\">").append(esc(I18n.t(lang, "agentpackages.upload.button"))).append("</button> ")
          .append("<span class=\"attach-status\" aria-live=\"polite\"></span></form>");
      if (v.packages().isEmpty()) {
        b.append("<p>").append(esc(I18n.t(lang, "agentpackages.none"))).append("</p>");
      } else {
        b.append("<table class=\"list agent-packages\"><thead><tr><th>").append(esc(I18n.t(lang, "agentpackages.version"))).append("</th><th>")
            .append(esc(I18n.t(lang, "agentpackages.published"))).append("</th><th>").append(esc(I18n.t(lang, "agentpackages.size")))
            .append("</th><th>").append(esc(I18n.t(lang, "agentpackages.release"))).append("</th><th></th></tr></thead><tbody>");
        for (AgentPackages.Published pkg : v.packages()) {
          String released = pkg.releasedTo().isEmpty() ? I18n.t(lang, "agentpackages.release.none") : pkg.releasedTo().stream()
              .map(id -> id == AgentPackages.EVERY_CHAMBER ? I18n.t(lang, "agentpackages.release.all") : names.getOrDefault(id, "#" + id))
              .collect(Collectors.joining("、"));
          String path = "/agent-packages/" + URLEncoder.encode(pkg.version(), StandardCharsets.UTF_8);
          b.append("<tr class=\"agent-package\"><td>").append(esc(pkg.version())).append("<br><small title=\"SHA-256\">")
              .append(esc(pkg.sha256().substring(0, 16))).append("…</small></td><td>").append(Html.time(pkg.publishedAt())).append("</td><td>")
              .append(esc(pkg.size() >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", pkg.size() / 1_000_000.0)
                  : Math.max(1, pkg.size() / 1000) + " KB")).append("</td><td class=\"released\">")
              .append(esc(released)).append("</td><td><form method=\"post\" action=\"").append(esc(path)).append("/release\" class=\"inline\">")
              .append(Layout.csrfField(ctx)).append("<label>").append(esc(I18n.t(lang, "agentpackages.release.to")))
              .append(" <select name=\"chamberId\"><option value=\"\">").append(esc(I18n.t(lang, "agentpackages.release.all")))
              .append("</option>");
          for (Tenants.Chamber ch : v.chambers()) {
            b.append("<option value=\"").append(ch.id()).append("\">").append(esc(ch.name())).append("</option>");
          }
          b.append("</select></label> <button type=\"submit\">").append(esc(I18n.t(lang, "agentpackages.release.button")))
              .append("</button></form> <form method=\"post\" action=\"").append(esc(path)).append("/withdraw\" class=\"inline\">")
              .append(Layout.csrfField(ctx)).append("<button type=\"submit\" class=\"secondary\">")
              .append(esc(I18n.t(lang, "agentpackages.withdraw"))).append("</button></form></td></tr>");
        }
        b.append("</tbody></table>");
      }
      b.append("<h2>").append(esc(I18n.t(lang, "agentpackages.boxes"))).append("</h2>");
      if (v.boxes().isEmpty()) {
        b.append("<p>").append(esc(I18n.t(lang, "agentpackages.boxes.none"))).append("</p>");
      } else {
        b.append("<table class=\"list box-versions\"><thead><tr><th>").append(esc(I18n.t(lang, "agentpackages.box.company"))).append("</th><th>")
            .append(esc(I18n.t(lang, "agentpackages.box.version"))).append("</th><th>").append(esc(I18n.t(lang, "agentpackages.box.status")))
            .append("</th></tr></thead><tbody>");
        for (Boxes.Box box : v.boxes()) {
          b.append("<tr><td>").append(esc(box.smeName())).append("</td><td>").append(esc(box.agentVersion())).append("</td><td>")
              .append(esc(box.status() == null ? "" : box.status().getString("updateStatus", ""))).append("</td></tr>");
        }
        b.append("</tbody></table>");
      }
      Layout.page(ctx, 200, I18n.t(lang, "agentpackages.title"), b.toString());
    }).onFailure(e -> PortalRoutes.error(ctx, e));
  }

  private void releasePost(RoutingContext ctx) {
    Principal p = operator(ctx);
    if (p == null) {
      return;
    }
    String version = ctx.pathParam("version");
    String chamber = ctx.request().getFormAttribute("chamberId");
    Long chamberId;
    try {
      chamberId = chamber == null || chamber.isBlank() ? null : Long.valueOf(chamber.strip());
    } catch (NumberFormatException e) {
      PortalRoutes.error(ctx, ApiError.badRequest("chamberId must be a number, got: " + chamber));
      return;
    }
    api.release(p, version, chamberId).onSuccess(v -> ctx.redirect("/agent-packages")).onFailure(e -> PortalRoutes.error(ctx, e));
  }

  private void withdrawPost(RoutingContext ctx) {
    Principal p = operator(ctx);
    if (p == null) {
      return;
    }
    api.withdraw(p, ctx.pathParam("version")).onSuccess(v -> ctx.redirect("/agent-packages")).onFailure(e -> PortalRoutes.error(ctx, e));
  }
}
