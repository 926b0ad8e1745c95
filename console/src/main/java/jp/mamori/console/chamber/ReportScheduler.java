package jp.mamori.console.chamber;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mamori.common.Jdbc;
import jp.mamori.console.notify.Mailer;
import jp.mamori.console.portal.Scorecard;

/**
 * Daily score snapshots and the monthly report e-mail. The report for a month is due from the 1st of the
 * next month at {@link #SEND_HOUR}:00 JST. Each tick claims (company, month) rows for the latest due month
 * with an insert that succeeds once, so a report is never mailed twice for the same month, and a console
 * that was down on the 1st sends at its next tick. Only companies that were members before the due month
 * ended get one.
 */
public final class ReportScheduler {
  public static final int SEND_HOUR = 8;

  private final Clock clock;
  private final Scorecard scorecard;
  private final Mailer mailer;

  public ReportScheduler(Clock clock, Scorecard scorecard, Mailer mailer) {
    this.clock = clock;
    this.scorecard = scorecard;
    this.mailer = mailer;
  }

  public record Outcome(int snapshots, YearMonth month, int reports, int mails) {}

  public Outcome tick(Connection c) throws SQLException {
    return tick(c, scorecard.all(c));
  }

  /** The same with scorecards computed beforehand on a reader, so the writer's transaction stays short. */
  public Outcome tick(Connection c, Map<Long, Scorecard.Card> cards) throws SQLException {
    Instant now = clock.instant();
    int snapshots = snapshot(c, now, cards);
    YearMonth due = MonthlyReports.dueMonth(now, SEND_HOUR);
    long endOfDue = MonthlyReports.start(due.plusMonths(1));
    record S(long id, String name, String contact) {}
    int reports = 0;
    int mails = 0;
    for (S s : Jdbc.list(c, "SELECT id, name, contact_email FROM smes WHERE created_at < ? AND NOT EXISTS "
        + "(SELECT 1 FROM monthly_reports r WHERE r.sme_id = smes.id AND r.month = ?) ORDER BY id", rs -> new S(rs.getLong(1), rs.getString(2),
        rs.getString(3)), endOfDue, due.toString())) {
      if (Jdbc.update(c, "INSERT INTO monthly_reports(sme_id, month, generated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", s.id(),
          due.toString(), now.toEpochMilli()) == 0) {
        continue;
      }
      reports++;
      Set<String> to = new LinkedHashSet<>();
      if (s.contact() != null && s.contact().contains("@")) {
        to.add(s.contact().strip().toLowerCase(java.util.Locale.ROOT));
      }
      to.addAll(Jdbc.list(c, "SELECT email FROM users WHERE sme_id = ? AND role = 'owner' AND disabled_at IS NULL ORDER BY id",
          rs -> rs.getString(1), s.id()));
      String subject = "【Mamori】" + due.getYear() + "年" + due.getMonthValue() + "月の月次レポート（" + s.name() + "）";
      String link = mailer.config().publicUrl().isBlank() ? "" : mailer.config().publicUrl().replaceAll("/+$", "") + "/portal/reports/" + due;
      String text = s.name() + " 御中\n\n" + due.getYear() + "年" + due.getMonthValue() + "月のセキュリティ月次レポートをお送りします（PDFを添付）。\n"
          + "5か条のスコア、ホームページ巡回の結果、この月の相談と注意喚起をまとめています。\n" + link + "\n\n"
          + "Your security report for " + due + " is attached (PDF): five-point score, website patrol history, consultations and advisories.\n";
      for (String addr : to) {
        if (mailer.queue(c, new Mailer.Mail("report:" + s.id() + ":" + due + ":" + addr, "report", addr, subject, text, null, "report-pdf",
            s.id() + ":" + due))) {
          mails++;
        }
      }
    }
    return new Outcome(snapshots, due, reports, mails);
  }

  /**
   * Today's (JST) five-point score of every company; rewritten on each tick, so the last one of a day stays. A row
   * that did not change is left alone, and one statement serves every company: at 10,000 companies the tick holds
   * the writer a tenth of a second, not half a second with the whole table rewritten.
   */
  int snapshot(Connection c, Instant now, Map<Long, Scorecard.Card> cards) throws SQLException {
    String day = MonthlyReports.today(now);
    try (Jdbc.Statements st = new Jdbc.Statements(c)) {
      for (Scorecard.Card card : cards.values()) {
        st.update("INSERT INTO score_snapshots(sme_id, day, score, points) VALUES (?, ?, ?, ?) ON CONFLICT(sme_id, day) DO UPDATE SET "
            + "score = excluded.score, points = excluded.points "
            + "WHERE score_snapshots.score <> excluded.score OR score_snapshots.points <> excluded.points",
            card.smeId(), day, card.score(), card.lights().encode());
      }
    }
    return cards.size();
  }

}
