package jp.mamori.checks.lan;

import java.io.IOException;

/**
 * VNC (RFB): security type 1 ("None") offered means the screen opens without a password. The check then
 * chooses it and reads the server's answer: servers such as TigerVNC count every connection that stops short
 * of authenticating (the port sweep's, the identification's) as a security failure and, after five, refuse
 * the box with "Too many security failures" for longer and longer; a finished None handshake clears that
 * count. A refusal is an unfinished check, never a clean bill of health.
 */
public final class Vnc {
  private Vnc() {}

  /** Longest refusal reason read; servers send a short sentence. */
  static final int MAX_REASON = 512;

  public static void check(Target t, LanContext ctx) {
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      byte[] hello = w.readExactly(12, ctx.timeout());
      String version = Wire.latin1(hello);
      if (!version.startsWith("RFB ")) {
        return;
      }
      boolean v33 = version.startsWith("RFB 003.003");
      boolean v37 = !v33 && version.startsWith("RFB 003.007");
      w.write(v33 ? "RFB 003.003\n" : v37 ? "RFB 003.007\n" : "RFB 003.008\n");
      boolean none = false;
      if (v33) {
        int type = u32(w, ctx);
        if (type == 0) {
          refused(t, version, reason(w, ctx), ctx);
          return;
        }
        none = type == 1;
      } else {
        int n = w.readExactly(1, ctx.timeout())[0] & 0xff;
        if (n == 0) {
          refused(t, version, reason(w, ctx), ctx);
          return;
        }
        for (byte b : w.readExactly(n, ctx.timeout())) {
          none |= b == 1;
        }
      }
      String result = null;
      if (none && !v33) {
        w.write(new byte[] {1});
        result = v37 ? "not sent (RFB 3.7)" : securityResult(w, ctx);
      }
      ctx.inventory().device(t.hostText()).service("tcp/" + t.port(), "vnc " + version.strip() + (none ? " (no auth)" : ""));
      if (none) {
        ctx.add(ctx.finding("lan.no-auth", t).arg("service", "VNC").identity("service", "vnc")
            .evidence("rfb", version.strip()).evidence("securityType", "None").evidence("securityResult", result));
      }
    } catch (IOException e) {
      ctx.unfinished(t, "vnc " + t + ": " + e.getMessage());
    }
  }

  /** RFB 3.8's SecurityResult for None; a server that asks its user first (QueryConnect) may not answer in time. */
  private static String securityResult(Wire w, LanContext ctx) {
    try {
      int word = u32(w, ctx);
      return word == 0 ? "OK" : "failed (" + word + ")";
    } catch (IOException e) {
      return "no answer (" + e.getMessage() + ")";
    }
  }

  private static void refused(Target t, String version, String reason, LanContext ctx) {
    ctx.inventory().device(t.hostText()).service("tcp/" + t.port(), "vnc " + version.strip() + " (refused the check)");
    ctx.unfinished(t, "vnc " + t + ": the server refused the check: " + (reason.isEmpty() ? "no reason given" : reason));
  }

  private static String reason(Wire w, LanContext ctx) {
    try {
      int length = u32(w, ctx);
      if (length <= 0) {
        return "";
      }
      byte[] text = w.readExactly(Math.min(length, MAX_REASON), ctx.timeout());
      return Wire.printable(text, MAX_REASON).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** RFB's numbers are big-endian. */
  private static int u32(Wire w, LanContext ctx) throws IOException {
    byte[] b = w.readExactly(4, ctx.timeout());
    return ServiceId.leInt(new byte[] {b[3], b[2], b[1], b[0]}, 0);
  }
}
