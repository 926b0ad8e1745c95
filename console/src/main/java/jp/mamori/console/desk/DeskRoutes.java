package jp.mamori.console.desk;

import io.vertx.ext.web.Router;
import java.sql.Connection;
import java.sql.SQLException;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.attachments.AttachmentRoutes;
import jp.mamori.console.audit.AuditRoutes;
import jp.mamori.console.exports.ExportRoutes;
import jp.mamori.console.knowledge.KnowledgeRoutes;
import jp.mamori.console.referrals.ReferralRoutes;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.sla.SlaRoutes;
import jp.mamori.console.tickets.QueueRoutes;
import jp.mamori.console.web.ApiError;

/** Mounts the help desk's feature routes (one line in ConsoleServer). */
public final class DeskRoutes {
  private final Services s;

  public DeskRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    for (String name : new String[] {"desk.css", "desk.js"}) {
      io.vertx.core.buffer.Buffer file = resource("static/" + name);
      String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
      r.get("/static/" + name).handler(ctx -> ctx.response().putHeader("content-type", type).putHeader("Cache-Control", "max-age=3600").end(file));
    }
    new SlaRoutes(s).mount(r);
    new QueueRoutes(s).mount(r);
    new AuditRoutes(s).mount(r);
    new AttachmentRoutes(s).mount(r);
    new KnowledgeRoutes(s).mount(r);
    new ReferralRoutes(s).mount(r);
    new ExportRoutes(s).mount(r);
    new DeskPages(s).mount(r);
  }

  private static io.vertx.core.buffer.Buffer resource(String name) {
    try (java.io.InputStream in = DeskRoutes.class.getResourceAsStream("/jp/mamori/console/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return io.vertx.core.buffer.Buffer.buffer(in.readAllBytes());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  /** A chamber the principal works for: 404 when it does not exist or is another tenant's. */
  public static long chamber(Connection c, Principal p, long id) throws SQLException {
    if (!p.seesChamber(id) || Jdbc.count(c, "SELECT COUNT(*) FROM chambers WHERE id = ?", id) == 0) {
      throw ApiError.notFound("chamber " + id);
    }
    return id;
  }

  /** A chamber the principal administers: 404 when not visible, 403 when visible but not theirs to change. */
  public static long administered(Connection c, Principal p, long id) throws SQLException {
    chamber(c, p, id);
    if (!p.administers(id)) {
      throw ApiError.forbidden("only the chamber's administrators may change this");
    }
    return id;
  }
}
