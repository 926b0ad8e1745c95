package jp.mamori.console.chamber;

import static jp.mamori.console.web.Html.esc;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Jdbc;
import jp.mamori.console.portal.Scorecard;
import jp.mamori.console.portal.SelfCheck;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.I18n;

/**
 * The monthly report of one member company: the five-point score and website patrol history of the last
 * twelve months (bar charts), what happened in the month, and the current scorecard. Rendered as XHTML so
 * the same markup serves the web page, the e-mail and the PDF (openhtmltopdf with an embedded IPA Gothic font).
 */
public final class MonthlyReports {
  public static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  public static final int HISTORY_MONTHS = 12;
  /** Debian's fonts-ipafont-gothic; the console package depends on it so Japanese renders in PDFs. */
  public static final List<Path> FONT_CANDIDATES = List.of(Path.of("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"),
      Path.of("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"), Path.of("/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf"));

  private final Clock clock;
  private final Scorecard scorecard;
  private final SelfCheck selfCheck;

  public MonthlyReports(Clock clock, Scorecard scorecard, SelfCheck selfCheck) {
    this.clock = clock;
    this.scorecard = scorecard;
    this.selfCheck = selfCheck;
  }

  public record MonthValue(YearMonth month, Integer score, int patrolRuns, int patrolFindings) {
    JsonObject toJson() {
      return new JsonObject().put("month", month.toString()).put("score", score).put("patrolRuns", patrolRuns).put("patrolFindings", patrolFindings);
    }
  }

  public record Report(Tenants.Sme sme, String chamberName, YearMonth month, Scorecard.Card card, List<MonthValue> history,
      int alertsOpened, int alertsResolved, int ticketsOpened, int ticketsResolved, int advisoriesPublished, int advisoriesAcknowledged,
      SelfCheck.Result selfCheck, Instant generatedAt) {
    public JsonObject toJson() {
      JsonArray h = new JsonArray();
      history.forEach(m -> h.add(m.toJson()));
      return new JsonObject().put("smeId", sme.id()).put("smeName", sme.name()).put("chamberName", chamberName).put("month", month.toString())
          .put("scorecard", card.toJson()).put("history", h).put("alertsOpened", alertsOpened).put("alertsResolved", alertsResolved)
          .put("ticketsOpened", ticketsOpened).put("ticketsResolved", ticketsResolved).put("advisoriesPublished", advisoriesPublished)
          .put("advisoriesAcknowledged", advisoriesAcknowledged).put("selfCheck", selfCheck == null ? null : selfCheck.toJson())
          .put("generatedAt", generatedAt.toString());
    }
  }

  public static YearMonth parseMonth(String s) {
    try {
      return YearMonth.parse(s);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("month must look like 2026-10, got: " + s);
    }
  }

  static long start(YearMonth m) {
    return m.atDay(1).atStartOfDay(JST).toInstant().toEpochMilli();
  }

  /** The month's figures; months in the future are refused. */
  public Report build(Connection c, Tenants.Sme sme, YearMonth month) throws SQLException {
    if (month.isAfter(YearMonth.now(clock.withZone(JST)))) {
      throw new IllegalArgumentException("month " + month + " has not started yet");
    }
    String chamber = Jdbc.one(c, "SELECT name FROM chambers WHERE id = ?", rs -> rs.getString(1), sme.chamberId()).orElse("");
    List<MonthValue> history = new ArrayList<>();
    for (int i = HISTORY_MONTHS - 1; i >= 0; i--) {
      YearMonth m = month.minusMonths(i);
      long from = start(m);
      long to = start(m.plusMonths(1));
      Integer score = Jdbc.one(c, "SELECT score FROM score_snapshots WHERE sme_id = ? AND day >= ? AND day <= ? ORDER BY day DESC LIMIT 1",
          rs -> rs.getInt(1), sme.id(), m.atDay(1).toString(), m.atEndOfMonth().toString()).orElse(null);
      int runs = (int) Jdbc.count(c, "SELECT COUNT(*) FROM runs WHERE sme_id = ? AND received_at >= ? AND received_at < ? "
          + "AND checks LIKE '%\"web.%'", sme.id(), from, to);
      int findings = (int) Jdbc.count(c, "SELECT COUNT(*) FROM findings WHERE sme_id = ? AND received_at >= ? AND received_at < ? "
          + "AND check_id LIKE 'web.%' AND severity IN ('medium', 'high', 'critical')", sme.id(), from, to);
      history.add(new MonthValue(m, score, runs, findings));
    }
    long from = start(month);
    long to = start(month.plusMonths(1));
    int alertsOpened = (int) Jdbc.count(c, "SELECT COUNT(*) FROM alerts WHERE sme_id = ? AND first_seen_at >= ? AND first_seen_at < ?", sme.id(), from, to);
    int alertsResolved = (int) Jdbc.count(c, "SELECT COUNT(*) FROM alerts WHERE sme_id = ? AND resolved_at >= ? AND resolved_at < ?", sme.id(), from, to);
    int ticketsOpened = (int) Jdbc.count(c, "SELECT COUNT(*) FROM tickets WHERE sme_id = ? AND created_at >= ? AND created_at < ?", sme.id(), from, to);
    int ticketsResolved = (int) Jdbc.count(c, "SELECT COUNT(*) FROM tickets WHERE sme_id = ? AND resolved_at >= ? AND resolved_at < ?", sme.id(), from, to);
    int published = (int) Jdbc.count(c, "SELECT COUNT(*) FROM advisories WHERE chamber_id = ? AND published_at >= ? AND published_at < ?",
        sme.chamberId(), from, to);
    int acked = (int) Jdbc.count(c, "SELECT COUNT(*) FROM advisories a JOIN advisory_acks k ON k.advisory_id = a.id AND k.sme_id = ? "
        + "WHERE a.chamber_id = ? AND a.published_at >= ? AND a.published_at < ?", sme.id(), sme.chamberId(), from, to);
    Optional<SelfCheck.Result> sc = selfCheck.latest(c, sme.id());
    return new Report(sme, chamber, month, scorecard.forSme(c, sme.id()), history, alertsOpened, alertsResolved, ticketsOpened, ticketsResolved,
        published, acked, sc.orElse(null), clock.instant());
  }

  /** The report body as well-formed XHTML (no inline style: classes only, so the page's CSP holds). */
  public static String body(Report r, String lang) {
    StringBuilder b = new StringBuilder();
    b.append("<article class=\"report\"><h1>").append(esc(I18n.t(lang, "report.title", r.month().getYear(), r.month().getMonthValue())))
        .append("</h1><p class=\"report-company\">").append(esc(r.sme().name())).append(" — ").append(esc(r.chamberName())).append("</p>");
    b.append("<section><h2>").append(esc(I18n.t(lang, "report.score"))).append("</h2><p class=\"report-score\">")
        .append(esc(I18n.t(lang, "report.score.now", r.card().score()))).append("</p><table class=\"report-points\">");
    for (Scorecard.Point p : r.card().points()) {
      b.append("<tr><td><span class=\"light light-").append(p.light().wire()).append("\">").append(esc(I18n.t(lang, "light." + p.light().wire())))
          .append("</span></td><td>").append(esc(I18n.t(lang, "point." + p.point() + ".name"))).append("</td><td>")
          .append(esc(I18n.t(lang, "reason." + p.reason()))).append("</td></tr>");
    }
    b.append("</table>");
    b.append(chart(lang, "report.chart.score", r.history(), true));
    b.append("</section><section><h2>").append(esc(I18n.t(lang, "report.patrol"))).append("</h2>");
    b.append(chart(lang, "report.chart.patrol", r.history(), false));
    b.append("</section><section><h2>").append(esc(I18n.t(lang, "report.month"))).append("</h2><table class=\"report-facts\">")
        .append(fact(lang, "report.alertsOpened", r.alertsOpened())).append(fact(lang, "report.alertsResolved", r.alertsResolved()))
        .append(fact(lang, "report.ticketsOpened", r.ticketsOpened())).append(fact(lang, "report.ticketsResolved", r.ticketsResolved()))
        .append(fact(lang, "report.advisories", r.advisoriesAcknowledged() + " / " + r.advisoriesPublished()));
    if (r.selfCheck() != null) {
      b.append(fact(lang, "report.selfcheck", r.selfCheck().score() + " (" + I18n.t(lang, "band." + r.selfCheck().band()) + ")"));
    }
    b.append("</table></section><p class=\"report-foot\">").append(esc(I18n.t(lang, "report.generated", Html.time(r.generatedAt()))))
        .append("</p></article>");
    return b.toString();
  }

  private static String fact(String lang, String key, Object value) {
    return "<tr><th>" + esc(I18n.t(lang, key)) + "</th><td>" + esc(value) + "</td></tr>";
  }

  /** A bar chart as a table of bars whose heights are classes h0..h20 (5 % steps), rendered alike in browsers and the PDF. */
  static String chart(String lang, String titleKey, List<MonthValue> history, boolean score) {
    int max = 1;
    for (MonthValue m : history) {
      max = Math.max(max, score ? 100 : Math.max(m.patrolRuns(), m.patrolFindings()));
    }
    StringBuilder b = new StringBuilder("<table class=\"chart\" summary=\"").append(esc(I18n.t(lang, titleKey))).append("\"><caption>")
        .append(esc(I18n.t(lang, titleKey))).append("</caption><tr class=\"bars\">");
    for (MonthValue m : history) {
      b.append("<td>");
      if (score) {
        b.append(bar(m.score() == null ? 0 : m.score(), max, m.score() == null ? "bar-none" : "bar-score", m.score() == null ? "—" : m.score().toString()));
      } else {
        b.append(bar(m.patrolRuns(), max, "bar-runs", Integer.toString(m.patrolRuns())))
            .append(bar(m.patrolFindings(), max, "bar-findings", Integer.toString(m.patrolFindings())));
      }
      b.append("</td>");
    }
    b.append("</tr><tr class=\"labels\">");
    for (MonthValue m : history) {
      b.append("<td>").append(m.month().getMonthValue()).append(esc(I18n.t(lang, "report.monthSuffix"))).append("</td>");
    }
    b.append("</tr></table>");
    if (!score) {
      b.append("<p class=\"legend\"><span class=\"key bar-runs\">&#160;</span> ").append(esc(I18n.t(lang, "report.legend.runs")))
          .append(" <span class=\"key bar-findings\">&#160;</span> ").append(esc(I18n.t(lang, "report.legend.findings"))).append("</p>");
    }
    return b.toString();
  }

  private static String bar(int value, int max, String cls, String label) {
    int step = (int) Math.round(Math.min(1.0, value / (double) max) * 20);
    return "<div class=\"barbox\"><span class=\"val\">" + esc(label) + "</span><div class=\"bar " + cls + " h" + step + "\"></div></div>";
  }

  /** Styles shared by the page (static/portal.css) and the PDF. */
  public static String css() {
    StringBuilder b = new StringBuilder();
    b.append("table.chart{border-collapse:collapse;margin:.5rem 0;width:100%;}table.chart caption{text-align:left;font-weight:bold;}")
        .append("table.chart td{vertical-align:bottom;text-align:center;padding:0 2px;font-size:10px;}")
        .append("table.chart tr.bars td{height:130px;border-bottom:1px solid #888;}")
        .append(".barbox{display:inline-block;vertical-align:bottom;margin:0 1px;}.barbox .val{display:block;font-size:9px;}")
        .append(".bar{width:14px;margin:0 auto;}.bar-score{background:#0b5cad;}.bar-runs{background:#1f7a3a;}.bar-findings{background:#b3261e;}")
        .append(".bar-none{background:#ccc;}.key{display:inline-block;width:10px;height:10px;}");
    for (int i = 0; i <= 20; i++) {
      b.append(".h").append(i).append("{height:").append(i * 5).append("px;}");
    }
    return b.toString();
  }

  private static final String PDF_CSS = "@page{size:A4;margin:18mm;}body{font-family:'IPAGothic';font-size:11px;color:#1d2430;}"
      + "h1{font-size:18px;}h2{font-size:14px;border-bottom:1px solid #ccc;}table.report-points td,table.report-facts td,"
      + "table.report-facts th{padding:2px 6px;text-align:left;}.light{padding:1px 6px;color:#fff;}.light-green{background:#1f7a3a;}"
      + ".light{white-space:nowrap;}.light-amber{background:#a15c00;}.light-red{background:#b3261e;}.light-grey{background:#777;}";

  public static Path font() throws IOException {
    for (Path p : FONT_CANDIDATES) {
      if (Files.isReadable(p)) {
        return p;
      }
    }
    throw new IOException("no Japanese font for PDF reports; install Debian's fonts-ipafont-gothic (looked in " + FONT_CANDIDATES + ")");
  }

  /** Renders the PDF; blocking and CPU-bound, so callers run it on a worker executor. */
  public static byte[] pdf(Report r, String lang) throws IOException {
    String xhtml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"" + lang + "\"><head>"
        + "<meta charset=\"utf-8\"/><title>" + esc(I18n.t(lang, "report.title", r.month().getYear(), r.month().getMonthValue())) + "</title><style>"
        + PDF_CSS + css() + "</style></head><body>" + body(r, lang) + "</body></html>";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useFont(font().toFile(), "IPAGothic");
    builder.withHtmlContent(xhtml, null);
    builder.toStream(out);
    try {
      builder.run();
    } catch (Exception e) {
      throw new IOException("cannot render the monthly report PDF for " + r.sme().name() + " " + r.month() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** The month that is due on this instant: the previous month from the 1st at {@code sendHour} (JST). */
  public static YearMonth dueMonth(Instant now, int sendHour) {
    var local = now.atZone(JST).toLocalDateTime();
    YearMonth current = YearMonth.from(local);
    return local.isBefore(current.atDay(1).atTime(sendHour, 0)) ? current.minusMonths(2) : current.minusMonths(1);
  }

  public static String today(Instant now) {
    return LocalDate.ofInstant(now, JST).toString();
  }
}
