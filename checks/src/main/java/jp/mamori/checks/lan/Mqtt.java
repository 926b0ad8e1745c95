package jp.mamori.checks.lan;

import java.io.IOException;

/** MQTT: a CONNECT without user name; CONNACK 0 means anyone may publish and subscribe. */
public final class Mqtt {
  private Mqtt() {}

  /** MQTT 3.1.1 CONNECT, clean session, client id "mamori-check", no credentials. */
  static byte[] connect() {
    byte[] id = "mamori-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int remaining = 10 + 2 + id.length;
    byte[] b = new byte[2 + remaining];
    int i = 0;
    b[i++] = 0x10;
    b[i++] = (byte) remaining;
    b[i++] = 0;
    b[i++] = 4;
    b[i++] = 'M';
    b[i++] = 'Q';
    b[i++] = 'T';
    b[i++] = 'T';
    b[i++] = 4;
    b[i++] = 0x02;
    b[i++] = 0;
    b[i++] = 30;
    b[i++] = 0;
    b[i++] = (byte) id.length;
    System.arraycopy(id, 0, b, i, id.length);
    return b;
  }

  public static void check(Target t, boolean tls, LanContext ctx) {
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      if (tls) {
        w.startTls(t, ctx.timeout());
      }
      w.write(connect());
      byte[] ack = w.readUntil(4, ctx.timeout(), got -> got.length >= 4);
      if (ack.length < 4 || (ack[0] & 0xff) != 0x20) {
        return;
      }
      int code = ack[3] & 0xff;
      ctx.inventory().device(t.hostText()).service("tcp/" + t.port(), "mqtt" + (code == 0 ? " (no auth)" : " (auth required)"));
      if (code == 0) {
        w.write(new byte[] {(byte) 0xe0, 0});
        ctx.add(ctx.finding("lan.no-auth", t).arg("service", "MQTT").identity("service", "mqtt")
            .evidence("connack", "0 (accepted without user name)"));
      }
    } catch (IOException e) {
      ctx.unfinished(t, "mqtt " + t + ": " + e.getMessage());
    }
  }
}
