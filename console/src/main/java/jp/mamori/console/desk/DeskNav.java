package jp.mamori.console.desk;

import static jp.mamori.console.web.Html.esc;

import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.web.I18n;

/** The help desk's entries in the page header, by role. */
public final class DeskNav {
  private DeskNav() {}

  public static String links(Principal p, String lang) {
    StringBuilder b = new StringBuilder();
    if (p.role().desk()) {
      link(b, "/referrals", I18n.t(lang, "desk.nav.referrals"));
      link(b, "/kb", I18n.t(lang, "desk.nav.kb"));
      link(b, "/settings/sla", I18n.t(lang, "desk.nav.sla"));
      if (p.operator() || p.role() == Role.CHAMBER_ADMIN) {
        link(b, "/audit", I18n.t(lang, "desk.nav.audit"));
      }
    } else if (p.role() == Role.PARTNER) {
      link(b, "/referrals", I18n.t(lang, "desk.nav.referrals"));
    } else {
      link(b, "/kb", I18n.t(lang, "desk.nav.kb"));
    }
    link(b, "/account/security", I18n.t(lang, "desk.nav.security"));
    return b.toString();
  }

  private static void link(StringBuilder b, String href, String text) {
    b.append("<a href=\"").append(esc(href)).append("\">").append(esc(text)).append("</a>");
  }
}
