package jp.mamori.checks.lan;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/** NetBIOS node status (NBSTAT, UDP 137): the PC/NAS name, workgroup and often the MAC address. */
public final class Netbios {
  private Netbios() {}

  static byte[] nbstat() {
    byte[] b = new byte[50];
    b[0] = 0x4d;
    b[1] = 0x4d;
    b[5] = 1;
    b[12] = 0x20;
    b[13] = 'C';
    b[14] = 'K';
    for (int i = 15; i < 45; i++) {
      b[i] = 'A';
    }
    b[45] = 0;
    b[47] = 0x21;
    b[49] = 1;
    return b;
  }

  /** Sends NBSTAT; records names and MAC. Returns true when the host answered. */
  public static boolean query(InetAddress host, int port, LanContext ctx) {
    byte[] r;
    try {
      r = Udp.ask(host, port, nbstat(), ctx, ctx.timeout());
    } catch (IOException e) {
      return false;
    }
    return r != null && parse(host, r, ctx);
  }

  /** NBSTAT to every host at once; returns the hosts that answered. */
  public static java.util.Set<InetAddress> sweep(java.util.List<InetAddress> hosts, LanContext ctx) {
    java.util.Set<InetAddress> up = new java.util.HashSet<>();
    try {
      Udp.sweep(hosts, 137, h -> nbstat(), ctx, ctx.timeout()).forEach((h, r) -> {
        if (parse(h, r, ctx)) {
          up.add(h);
        }
      });
    } catch (IOException e) {
      ctx.error("netbios: " + e.getMessage());
    }
    return up;
  }

  static boolean parse(InetAddress host, byte[] r, LanContext ctx) {
    if (r.length < 57 || r[0] != 0x4d || r[1] != 0x4d) {
      return false;
    }
    int count = r[56] & 0xff;
    Inventory.Device dev = ctx.inventory().device(host.getHostAddress());
    int off = 57;
    for (int i = 0; i < count && off + 18 <= r.length; i++, off += 18) {
      String name = new String(r, off, 15, StandardCharsets.US_ASCII).strip();
      int suffix = r[off + 15] & 0xff;
      boolean group = (r[off + 16] & 0x80) != 0;
      if (suffix == 0x00 && !group) {
        dev.name("netbios", name);
      } else if (suffix == 0x00) {
        dev.note("workgroup " + name);
      }
    }
    if (off + 6 <= r.length) {
      byte[] mac = java.util.Arrays.copyOfRange(r, off, off + 6);
      boolean zero = true;
      for (byte b : mac) {
        zero &= b == 0;
      }
      if (!zero) {
        String text = HexFormat.ofDelimiter(":").formatHex(mac).toLowerCase(Locale.ROOT);
        dev.mac(text, ctx.data().vendor(text).orElse(null));
      }
    }
    return true;
  }
}
