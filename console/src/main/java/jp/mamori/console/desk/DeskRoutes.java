package jp.mamori.console.desk;

import io.vertx.ext.web.Router;
import java.sql.Connection;
import java.sql.SQLException;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.attachments.AttachmentRoutes;
import jp.mamori.console.audit.AuditRoutes;
import jp.mamori.console.knowledge.KnowledgeRoutes;
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
    new SlaRoutes(s).mount(r);
    new QueueRoutes(s).mount(r);
    new AuditRoutes(s).mount(r);
    new AttachmentRoutes(s).mount(r);
    new KnowledgeRoutes(s).mount(r);
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
