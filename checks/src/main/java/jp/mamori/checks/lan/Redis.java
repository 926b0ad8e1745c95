package jp.mamori.checks.lan;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Redis: PING answered with +PONG (and INFO readable) without AUTH means anyone can read and change data. */
public final class Redis {
  private Redis() {}

  public static void check(Target t, LanContext ctx) {
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      w.write("PING\r\n");
      String pong = Wire.latin1(w.readUntil(256, ctx.timeout(), got -> got.length > 0 && got[got.length - 1] == '\n'));
      Inventory.Device dev = ctx.inventory().device(t.hostText());
      if (!pong.startsWith("+PONG")) {
        dev.service("tcp/" + t.port(), "redis (auth required)");
        return;
      }
      w.write("INFO server\r\n");
      String info = Wire.latin1(w.readUntil(8192, ctx.timeout(), got -> Wire.latin1(got).contains("\r\n\r\n")));
      Matcher m = Pattern.compile("redis_version:([0-9.]+)").matcher(info);
      String version = m.find() ? m.group(1) : "?";
      dev.service("tcp/" + t.port(), "redis " + version + " (no auth)");
      ctx.add(ctx.finding("lan.no-auth", t).arg("service", "Redis").identity("service", "redis")
          .evidence("ping", "+PONG without AUTH").evidence("version", version));
    } catch (IOException e) {
      ctx.unfinished(t, "redis " + t + ": " + e.getMessage());
    }
  }
}
