package jp.mamori.checks.lan;

import java.io.IOException;
import java.time.Duration;
import jp.mamori.checks.finding.Severity;

/** FTP: anonymous login (point 4), vendor default logins (point 3), server version against the EOL table. */
public final class Ftp {
  private Ftp() {}

  enum Result { OK, DENIED, SLOW_DOWN, GONE }

  public static void check(Target t, String banner, LanContext ctx) {
    String first = banner.lines().findFirst().orElse("").strip();
    ctx.inventory().device(t.hostText()).service("tcp/" + t.port(), "ftp " + first);
    Eol.report(t, "ftp", first, ctx);
    Result anon = login(t, "anonymous", "mamori-check@example.invalid", ctx);
    if (anon == Result.OK) {
      ctx.add(ctx.finding("lan.ftp-anonymous", t).identity("login", "anonymous").evidence("banner", first));
      return;
    }
    if (anon == Result.GONE) {
      ctx.unfinished(t, "ftp " + t + ": the anonymous login could not be tried (the server hung up or did not greet again)");
      return;
    }
    if (!ctx.tryLogins()) {
      return;
    }
    int tried = 1;
    for (LanData.Credential c : Attempts.plan(ctx.data(), "ftp", tried)) {
      Result r = login(t, c.user(), c.password(), ctx);
      if (r == Result.OK) {
        ctx.add(ctx.finding("lan.default-login", t).arg("service", "FTP").arg("user", c.user())
            .identity("service", "ftp").identity("user", c.user()).evidence("user", c.user())
            .evidence("password", c.password().isEmpty() ? "(empty)" : "(vendor default, see list)"), Severity.HIGH);
        return;
      }
      if (r == Result.SLOW_DOWN) {
        Pace.backOff(Duration.ofSeconds(3));
      }
      if (r == Result.GONE) {
        ctx.unfinished(t, "ftp " + t + ": the server hung up before the default logins were tried to the end");
        return;
      }
    }
  }

  static Result login(Target t, String user, String password, LanContext ctx) {
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      String greet = reply(w, ctx);
      if (greet.startsWith("421")) {
        return Result.SLOW_DOWN;
      }
      if (!greet.startsWith("220")) {
        return Result.GONE;
      }
      w.write("USER " + user + "\r\n");
      String u = reply(w, ctx);
      if (u.startsWith("230")) {
        w.write("QUIT\r\n");
        return Result.OK;
      }
      if (u.startsWith("421")) {
        return Result.SLOW_DOWN;
      }
      if (!u.startsWith("331")) {
        return Result.DENIED;
      }
      w.write("PASS " + password + "\r\n");
      String p = reply(w, ctx);
      if (p.startsWith("230")) {
        w.write("QUIT\r\n");
        return Result.OK;
      }
      return p.startsWith("421") ? Result.SLOW_DOWN : Result.DENIED;
    } catch (IOException e) {
      return Result.GONE;
    }
  }

  /** The last line of a (possibly multi-line "230-...") reply. */
  private static String reply(Wire w, LanContext ctx) throws IOException {
    byte[] b = w.readUntil(4096, ctx.timeout().multipliedBy(2), got -> {
      String s = Wire.latin1(got);
      if (!s.endsWith("\n")) {
        return false;
      }
      String[] lines = s.split("\r?\n");
      String last = lines[lines.length - 1];
      return last.length() >= 4 && Character.isDigit(last.charAt(0)) && last.charAt(3) == ' ';
    });
    String[] lines = Wire.latin1(b).split("\r?\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].length() >= 4 && Character.isDigit(lines[i].charAt(0)) && lines[i].charAt(3) == ' ') {
        return lines[i];
      }
    }
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }
}
