package jp.mamori.console.attachments;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.tickets.Tickets;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;

/**
 * Upload: {@code POST /api/v1/tickets/{id}/attachments?filename=...} with the file's bytes as the body (any
 * Content-Type; the type is sniffed). Download: {@code GET /api/v1/attachments/{id}}, always as a download
 * (Content-Disposition: attachment, nosniff, sandboxed), with the sniffed type.
 */
public final class AttachmentRoutes {
  private final Services s;

  public AttachmentRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.post("/api/v1/tickets/:id/attachments").handler(ctx -> Http.api(ctx, this::upload, 201));
    r.get("/api/v1/tickets/:id/attachments").handler(ctx -> Http.api(ctx, this::list, 200));
    r.get("/api/v1/attachments/:id").handler(this::download);
  }

  private Future<JsonObject> upload(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long ticketId = Http.idParam(ctx, "id");
    boolean internal = "true".equals(ctx.request().getParam("internal"));
    String requested = ctx.request().getParam("filename");
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    Attachments store = s.desk().attachments();
    return s.db().read(c -> check(c, p, ticketId, internal, body == null ? 0 : body.length())).compose(t -> {
      byte[] data = body.getBytes();
      FileType type = FileType.sniff(data).orElseThrow(() -> new ApiError(415, "unsupported_type", "this kind of file is not accepted; "
          + "send pictures (PNG, JPEG, GIF, WebP), PDF, Word/Excel/PowerPoint, ZIP or plain text"));
      String name = type.safeName(requested);
      String sha = Attachments.sha256(data);
      return s.vertx().executeBlocking(() -> store.writeFile(data), false).compose(key -> s.db().write(c -> {
        Tickets.Ticket fresh = check(c, p, ticketId, internal, data.length);
        Tickets.Message m = s.tickets().addMessage(c, p, fresh, internal ? "note" : "reply",
            "📎 " + name + "（" + kilobytes(data.length) + "）", null);
        long now = s.clock().millis();
        long id = store.insert(c, ticketId, m.id(), p.userId(), name, type, data.length, sha, key, internal, now);
        s.desk().audit().change(c, p, "attachment.upload", "ticket", ticketId, fresh.chamberId(), fresh.smeId(),
            new JsonObject().put("attachmentId", id).put("filename", name).put("contentType", type.contentType()).put("size", data.length)
                .put("sha256", sha));
        return store.get(c, id).orElseThrow().toJson();
      }).onFailure(e -> store.deleteFile(key)));
    });
  }

  static String kilobytes(long n) {
    return n < 1024 ? n + " B" : String.format(Locale.ROOT, "%.1f KB", n / 1024.0).replace(".0 KB", " KB");
  }

  private Tickets.Ticket check(java.sql.Connection c, Principal p, long ticketId, boolean internal, long size) throws java.sql.SQLException {
    Tickets.Ticket t = s.tickets().get(c, p, ticketId).orElseThrow(() -> ApiError.notFound("ticket " + ticketId));
    if (internal && !p.role().desk()) {
      throw ApiError.forbidden("only the chamber's desk attaches internal files");
    }
    if (t.status().equals("closed")) {
      throw new ApiError(409, "ticket_closed", "ticket " + ticketId + " is closed");
    }
    if (size == 0) {
      throw ApiError.badRequest("the request body must be the file's bytes");
    }
    if (size > Attachments.MAX_BYTES) {
      throw new ApiError(413, "too_large", "a file may be at most " + Attachments.MAX_BYTES / (1024 * 1024) + " MB, this one is " + kilobytes(size));
    }
    Attachments.Usage u = s.desk().attachments().usage(c, ticketId);
    if (u.count() >= Attachments.MAX_PER_TICKET || u.bytes() + size > Attachments.MAX_TICKET_BYTES) {
      throw new ApiError(413, "too_large", "ticket " + ticketId + " already holds " + u.count() + " files (" + kilobytes(u.bytes())
          + "); at most " + Attachments.MAX_PER_TICKET + " files and " + Attachments.MAX_TICKET_BYTES / (1024 * 1024) + " MB per ticket");
    }
    return t;
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long ticketId = Http.idParam(ctx, "id");
    return s.db().read(c -> {
      s.tickets().get(c, p, ticketId).orElseThrow(() -> ApiError.notFound("ticket " + ticketId));
      JsonArray a = new JsonArray();
      s.desk().attachments().list(c, ticketId, p.role().desk()).forEach(x -> a.add(x.toJson()));
      return a;
    });
  }

  private void download(RoutingContext ctx) {
    Principal p;
    long id;
    try {
      p = Http.principal(ctx);
      id = Http.idParam(ctx, "id");
    } catch (RuntimeException e) {
      Http.fail(ctx, e);
      return;
    }
    Attachments store = s.desk().attachments();
    s.db().read(c -> {
      Attachments.Attachment a = store.get(c, id).orElseThrow(() -> ApiError.notFound("attachment " + id));
      if (s.tickets().get(c, p, a.ticketId()).isEmpty() || (a.internal() && !p.role().desk())) {
        throw ApiError.notFound("attachment " + id);
      }
      return a;
    }).compose(a -> s.vertx().executeBlocking(() -> new Object[] {a, store.readFile(a)}, false)).onSuccess(pair -> {
      Attachments.Attachment a = (Attachments.Attachment) pair[0];
      byte[] data = (byte[]) pair[1];
      ctx.response().putHeader("Content-Type", a.contentType())
          .putHeader("Content-Disposition", disposition(a.filename()))
          .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
          .putHeader("X-Content-Type-Options", "nosniff")
          .end(Buffer.buffer(data));
    }).onFailure(e -> Http.fail(ctx, e));
  }

  /** attachment; an ASCII fallback name and the real one per RFC 6266/5987. */
  static String disposition(String name) {
    String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
