package jp.mamori.checks.lan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.checks.finding.Severity;

/**
 * NFS: asks the portmapper (TCP 111) where mountd listens, then mountd for its export list (ONC RPC
 * EXPORT); an export with no client restriction or "*" is open to everyone.
 */
public final class Nfs {
  private Nfs() {}

  private static final int PORTMAP = 100000;
  private static final int MOUNT = 100005;

  record Export(String path, List<String> groups) {}

  public static void check(Target portmapper, LanContext ctx) {
    int port;
    try {
      port = getPort(portmapper, MOUNT, 3, ctx);
      if (port == 0) {
        port = getPort(portmapper, MOUNT, 1, ctx);
      }
    } catch (IOException e) {
      return;
    }
    ctx.inventory().device(portmapper.hostText()).service("tcp/" + portmapper.port(), "rpcbind");
    if (port <= 0 || port > 65535) {
      return;
    }
    List<Export> exports;
    try {
      exports = exports(new Target(portmapper.host(), port), ctx);
    } catch (IOException e) {
      ctx.error("nfs " + portmapper.hostText() + ":" + port + ": " + e.getMessage());
      return;
    }
    for (Export e : exports) {
      ctx.inventory().device(portmapper.hostText()).note("nfs export " + e.path() + " " + e.groups());
      if (e.groups().isEmpty() || e.groups().contains("*") || e.groups().contains("(everyone)")) {
        ctx.add(ctx.finding("lan.nfs-everyone", portmapper.hostText(), portmapper.hostText()).arg("export", e.path())
            .identity("export", e.path()).evidence("export", e.path()).evidence("clients", e.groups()), Severity.HIGH);
      }
    }
  }

  static int getPort(Target t, int prog, int vers, LanContext ctx) throws IOException {
    ByteArrayOutputStream args = new ByteArrayOutputStream();
    u32(args, prog);
    u32(args, vers);
    u32(args, 6);
    u32(args, 0);
    ByteBuffer r = call(t, PORTMAP, 2, 3, args.toByteArray(), ctx);
    return r.getInt();
  }

  static List<Export> exports(Target mountd, LanContext ctx) throws IOException {
    ByteBuffer r = call(mountd, MOUNT, 3, 5, new byte[0], ctx);
    List<Export> out = new ArrayList<>();
    while (r.remaining() >= 4 && r.getInt() == 1 && out.size() < 256) {
      String path = string(r);
      List<String> groups = new ArrayList<>();
      while (r.remaining() >= 4 && r.getInt() == 1 && groups.size() < 256) {
        groups.add(string(r));
      }
      out.add(new Export(path, groups));
    }
    return out;
  }

  static ByteBuffer call(Target t, int prog, int vers, int proc, byte[] args, LanContext ctx) throws IOException {
    ByteArrayOutputStream msg = new ByteArrayOutputStream();
    int xid = (int) (System.nanoTime() & 0x7fffffff);
    u32(msg, xid);
    u32(msg, 0);
    u32(msg, 2);
    u32(msg, prog);
    u32(msg, vers);
    u32(msg, proc);
    u32(msg, 0);
    u32(msg, 0);
    u32(msg, 0);
    u32(msg, 0);
    msg.writeBytes(args);
    byte[] m = msg.toByteArray();
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    u32(rec, 0x80000000 | m.length);
    rec.writeBytes(m);
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      w.write(rec.toByteArray());
      byte[] mark = w.readExactly(4, ctx.timeout());
      int len = ByteBuffer.wrap(mark).getInt() & 0x7fffffff;
      if (len < 24 || len > 1 << 20) {
        throw new IOException("bad RPC record length " + len + " from " + t);
      }
      ByteBuffer r = ByteBuffer.wrap(w.readExactly(len, ctx.timeout().multipliedBy(2)));
      if (r.getInt() != xid || r.getInt() != 1 || r.getInt() != 0) {
        throw new IOException("RPC call refused by " + t);
      }
      r.getInt();
      int verfLen = r.getInt();
      if (verfLen < 0 || verfLen > 400) {
        throw new IOException("bad RPC verifier from " + t);
      }
      r.position(r.position() + ((verfLen + 3) & ~3));
      if (r.getInt() != 0) {
        throw new IOException("RPC program " + prog + " not available on " + t);
      }
      return r;
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException("short RPC answer from " + t);
    }
  }

  private static String string(ByteBuffer r) {
    int len = r.getInt();
    if (len < 0 || len > 1024 || len > r.remaining()) {
      throw new java.nio.BufferUnderflowException();
    }
    byte[] b = new byte[len];
    r.get(b);
    r.position(r.position() + ((4 - len % 4) % 4));
    return new String(b, StandardCharsets.UTF_8);
  }

  static void u32(ByteArrayOutputStream b, int v) {
    b.write(v >>> 24);
    b.write(v >>> 16);
    b.write(v >>> 8);
    b.write(v);
  }
}
