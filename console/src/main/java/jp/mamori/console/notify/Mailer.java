package jp.mamori.console.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import jp.mamori.common.Database;
import jp.mamori.common.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mail through an outbox table: callers queue a message in their own transaction (deduplicated by key, so
 * a retried job never mails twice), and {@link #deliver()} sends what is due through SMTP (vertx-mail-client),
 * retrying with backoff. Without SMTP settings, messages stay queued and nothing is sent.
 */
public final class Mailer {
  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);
  static final long[] BACKOFF_SECONDS = {60, 300, 1800, 7200, 21600, 43200};
  public static final int MAX_ATTEMPTS = BACKOFF_SECONDS.length + 1;
  static final long LEASE_MS = 10 * 60_000;

  private final Clock clock;
  private final NotifyConfig config;
  private final MailClient client;
  private BiFunction<String, String, Future<Attachment>> attachments = (kind, ref) ->
      Future.failedFuture(new IllegalStateException("no attachment source for " + kind));

  public record Attachment(String name, String contentType, Buffer data) {}

  public record Mail(String dedupeKey, String kind, String to, String subject, String text, String html, String attachmentKind,
      String attachmentRef) {}

  public Mailer(Vertx vertx, Clock clock, NotifyConfig config) {
    this.clock = clock;
    this.config = config;
    this.client = config.smtp().map(s -> MailClient.create(vertx, mailConfig(s))).orElse(null);
  }

  static MailConfig mailConfig(NotifyConfig.Smtp s) {
    MailConfig m = new MailConfig().setHostname(s.host()).setPort(s.port()).setSsl(s.ssl())
        .setStarttls(StartTLSOptions.valueOf(s.starttls().toUpperCase(java.util.Locale.ROOT))).setKeepAlive(false);
    if (s.username() != null) {
      m.setLogin(LoginOption.REQUIRED).setUsername(s.username()).setPassword(s.password());
    } else {
      m.setLogin(LoginOption.DISABLED);
    }
    return m;
  }

  public boolean enabled() {
    return client != null;
  }

  public NotifyConfig config() {
    return config;
  }

  /** Where attachments named in the outbox come from (rendered when the mail is sent, not stored). */
  public void attachmentSource(BiFunction<String, String, Future<Attachment>> source) {
    this.attachments = source;
  }

  /** Queues a message in the caller's transaction; false when a message with this key was queued before. */
  public boolean queue(Connection c, Mail m) throws SQLException {
    if (m.to() == null || !m.to().contains("@")) {
      return false;
    }
    long now = clock.millis();
    return Jdbc.update(c, "INSERT INTO mail_outbox(dedupe_key, kind, to_addr, subject, body_text, body_html, attachment_kind, attachment_ref, "
            + "created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(dedupe_key) DO NOTHING",
        m.dedupeKey(), m.kind(), m.to().strip(), m.subject(), m.text(), m.html(), m.attachmentKind(), m.attachmentRef(), now, now) > 0;
  }

  private record Due(long id, String to, String subject, String text, String html, String attachmentKind, String attachmentRef, int attempts) {}

  /** Sends the messages that are due; completes with how many were sent. */
  public Future<Integer> deliver(Database db) {
    if (client == null) {
      return Future.succeededFuture(0);
    }
    long now = clock.millis();
    return db.read(c -> Jdbc.list(c, "SELECT id, to_addr, subject, body_text, body_html, attachment_kind, attachment_ref, attempts "
            + "FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT 20",
        rs -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getInt(8)), now))
        .compose(due -> claim(db, due, now))
        .compose(due -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Due d : due) {
            chain = chain.compose(n -> send(d).transform(ar -> record(db, d, ar.failed() ? ar.cause() : null)).map(ok -> ok ? n + 1 : n));
          }
          return chain;
        });
  }

  /** Leases the rows to this pass in the writer, so overlapping passes never send the same message twice. */
  private Future<List<Due>> claim(Database db, List<Due> due, long now) {
    if (due.isEmpty()) {
      return Future.succeededFuture(due);
    }
    return db.write(c -> {
      List<Due> mine = new ArrayList<>();
      for (Due d : due) {
        if (Jdbc.update(c, "UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ? AND next_attempt_at <= ? AND sent_at IS NULL",
            now + LEASE_MS, d.id(), now) > 0) {
          mine.add(d);
        }
      }
      return mine;
    });
  }

  private Future<Void> send(Due d) {
    MailMessage msg = new MailMessage().setFrom(config.smtp().orElseThrow().from()).setTo(d.to()).setSubject(d.subject()).setText(d.text());
    if (d.html() != null) {
      msg.setHtml(d.html());
    }
    Future<MailMessage> ready = d.attachmentKind() == null ? Future.succeededFuture(msg)
        : attachments.apply(d.attachmentKind(), d.attachmentRef()).map(a -> {
          List<MailAttachment> list = new ArrayList<>();
          list.add(MailAttachment.create().setName(a.name()).setContentType(a.contentType()).setData(a.data()));
          return msg.setAttachment(list);
        });
    return ready.compose(client::sendMail).mapEmpty();
  }

  private Future<Boolean> record(Database db, Due d, Throwable error) {
    long now = clock.millis();
    return db.write(c -> {
      if (error == null) {
        Jdbc.update(c, "UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?", now, d.id());
        return true;
      }
      int attempts = d.attempts() + 1;
      String message = String.valueOf(error.getMessage());
      LOG.warn("e-mail {} to {} failed (attempt {}): {}", d.id(), d.to(), attempts, message);
      if (attempts >= MAX_ATTEMPTS) {
        Jdbc.update(c, "UPDATE mail_outbox SET failed_at = ?, attempts = ?, last_error = ? WHERE id = ?", now, attempts, cut(message), d.id());
      } else {
        Jdbc.update(c, "UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?", attempts,
            now + BACKOFF_SECONDS[attempts - 1] * 1000, cut(message), d.id());
      }
      return false;
    });
  }

  private static String cut(String s) {
    return s.length() > 500 ? s.substring(0, 500) : s;
  }

  public Future<Void> close() {
    return client == null ? Future.succeededFuture() : client.close();
  }
}
