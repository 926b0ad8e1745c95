package jp.mamori.checks.lan;

import java.io.IOException;

/** VNC (RFB): security type 1 ("None") offered means the screen opens without a password. */
public final class Vnc {
  private Vnc() {}

  public static void check(Target t, LanContext ctx) {
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      byte[] hello = w.readExactly(12, ctx.timeout());
      String version = Wire.latin1(hello);
      if (!version.startsWith("RFB ")) {
        return;
      }
      boolean v33 = version.startsWith("RFB 003.003");
      w.write(v33 ? "RFB 003.003\n" : "RFB 003.008\n");
      boolean none;
      if (v33) {
        none = ServiceId.leInt(reverse(w.readExactly(4, ctx.timeout())), 0) == 1;
      } else {
        int n = w.readExactly(1, ctx.timeout())[0] & 0xff;
        if (n == 0) {
          return;
        }
        byte[] types = w.readExactly(n, ctx.timeout());
        none = false;
        for (byte b : types) {
          none |= b == 1;
        }
      }
      ctx.inventory().device(t.hostText()).service("tcp/" + t.port(), "vnc " + version.strip() + (none ? " (no auth)" : ""));
      if (none) {
        ctx.add(ctx.finding("lan.no-auth", t).arg("service", "VNC").identity("service", "vnc")
            .evidence("rfb", version.strip()).evidence("securityType", "None"));
      }
    } catch (IOException e) {
      ctx.error("vnc " + t + ": " + e.getMessage());
    }
  }

  private static byte[] reverse(byte[] b) {
    return new byte[] {b[3], b[2], b[1], b[0]};
  }
}
