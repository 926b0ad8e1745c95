package jp.mamori.checks.lan;

/** SSH: the banner names the server and often the distribution release (Debian "+deb8u…", Ubuntu tags). */
public final class Ssh {
  private Ssh() {}

  public static void check(Target t, String banner, LanContext ctx) {
    String line = banner.lines().filter(l -> l.startsWith("SSH-")).findFirst().orElse(banner).strip();
    ctx.inventory().device(t.hostText()).service("tcp/" + t.port(), "ssh " + (line.length() <= 80 ? line : line.substring(0, 80)));
    Eol.report(t, "ssh", line, ctx);
  }
}
