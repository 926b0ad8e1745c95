package jp.mamori.checks.lan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** MongoDB: listDatabases answered without authentication means anyone can read the data. */
public final class Mongo {
  private Mongo() {}

  /** OP_QUERY admin.$cmd {isMaster: 1}: still accepted by every MongoDB version for the handshake. */
  static byte[] isMaster() {
    return opQuery(bson("isMaster"));
  }

  static byte[] opQuery(byte[] doc) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] coll = "admin.$cmd\0".getBytes(StandardCharsets.US_ASCII);
    int len = 16 + 4 + coll.length + 8 + doc.length;
    Smb.le32(b, len);
    Smb.le32(b, 1);
    Smb.le32(b, 0);
    Smb.le32(b, 2004);
    Smb.le32(b, 0);
    b.writeBytes(coll);
    Smb.le32(b, 0);
    Smb.le32(b, -1);
    b.writeBytes(doc);
    return b.toByteArray();
  }

  /** OP_MSG {cmd: 1, $db: "admin"} (MongoDB 3.6+). */
  static byte[] opMsg(String cmd) {
    ByteArrayOutputStream doc = new ByteArrayOutputStream();
    doc.write(0x10);
    doc.writeBytes((cmd + "\0").getBytes(StandardCharsets.US_ASCII));
    Smb.le32(doc, 1);
    doc.write(0x02);
    doc.writeBytes("$db\0".getBytes(StandardCharsets.US_ASCII));
    Smb.le32(doc, 6);
    doc.writeBytes("admin\0".getBytes(StandardCharsets.US_ASCII));
    doc.write(0);
    byte[] d = withLength(doc.toByteArray());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Smb.le32(b, 16 + 4 + 1 + d.length);
    Smb.le32(b, 2);
    Smb.le32(b, 0);
    Smb.le32(b, 2013);
    Smb.le32(b, 0);
    b.write(0);
    b.writeBytes(d);
    return b.toByteArray();
  }

  static byte[] bson(String cmd) {
    ByteArrayOutputStream doc = new ByteArrayOutputStream();
    doc.write(0x10);
    doc.writeBytes((cmd + "\0").getBytes(StandardCharsets.US_ASCII));
    Smb.le32(doc, 1);
    doc.write(0);
    return withLength(doc.toByteArray());
  }

  private static byte[] withLength(byte[] body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Smb.le32(b, body.length + 4);
    b.writeBytes(body);
    return b.toByteArray();
  }

  public static void check(Target t, LanContext ctx) {
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      w.write(opMsg("listDatabases"));
      byte[] head = w.readExactly(4, ctx.timeout());
      int len = ServiceId.leInt(head, 0);
      if (len < 16 || len > 1 << 20) {
        return;
      }
      String answer = Wire.latin1(w.readUntil(Math.min(len - 4, 16384), ctx.timeout(), got -> got.length >= len - 4));
      boolean open = answer.contains("databases") && answer.contains("totalSize");
      ctx.inventory().device(t.hostText()).service("tcp/" + t.port(), "mongodb" + (open ? " (no auth)" : ""));
      if (open) {
        ctx.add(ctx.finding("lan.no-auth", t).arg("service", "MongoDB").identity("service", "mongodb")
            .evidence("listDatabases", "answered without authentication"));
      }
    } catch (IOException e) {
      ctx.unfinished(t, "mongodb " + t + ": " + e.getMessage());
    }
  }
}
