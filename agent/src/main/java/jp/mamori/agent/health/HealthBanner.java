package jp.mamori.agent.health;

import java.util.List;
import jp.mamori.common.HtmlEscape;

/** The box's current problems as a banner on top of its local pages, in plain Japanese with English under it. */
public final class HealthBanner {
  private HealthBanner() {}

  public static String html(List<BoxHealth.Problem> problems) {
    if (problems == null || problems.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("<div class=\"box-problems\" role=\"alert\"><p><b>見守りボックスに問題があります</b> "
        + "<span class=\"en\">The box has a problem</span></p><ul>");
    for (BoxHealth.Problem p : problems) {
      b.append("<li data-code=\"").append(HtmlEscape.esc(p.code())).append("\">").append(HtmlEscape.esc(p.ja()))
          .append("<br><span class=\"en\">").append(HtmlEscape.esc(p.en())).append("</span><br><small>")
          .append(HtmlEscape.esc(p.since().toString())).append("〜</small></li>");
    }
    return b.append("</ul></div>").toString();
  }

  /** The page with the banner right after its {@code <body>}. */
  public static String onto(String page, List<BoxHealth.Problem> problems) {
    String banner = html(problems);
    int at = page.indexOf("<body>");
    return banner.isEmpty() || at < 0 ? page : page.substring(0, at + 6) + banner + page.substring(at + 6);
  }
}
