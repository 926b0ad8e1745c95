package jp.mamori.checks.lan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Severity;

/**
 * Telnet: open at all (point 3, medium), and vendor default logins on its login prompt (high). A login counts
 * as accepted when the device neither says it failed nor asks again, judged against a deliberately wrong
 * baseline login first, so menus ("Enter selection:") count as well as shell prompts, and a device that
 * seems to accept anything is never reported. Devices that ask only for a password get only passwords.
 */
public final class Telnet {
  private Telnet() {}

  private static final List<String> USER_PROMPTS = List.of("login:", "username:", "user name:", "user:", "login name:");
  private static final Pattern FAILED = Pattern.compile(
      "(?i)(incorrect|failed|failure|denied|invalid|wrong|bad password|not allowed|try again|rejected|誤り|違います|失敗|エラー|できません)");
  private static final Duration QUIET = Duration.ofMillis(1000);
  static final String NO_USER = "(ID なし / no user name)";

  /** What one login attempt got back: no login asked at all, the prompt kind, whether the device let us in. */
  record Attempt(boolean noLogin, boolean passwordOnly, boolean accepted, String text) {}

  public static void check(Target t, byte[] banner, LanContext ctx) {
    String text = clean(banner).strip();
    ctx.inventory().device(t.hostText()).service("tcp/" + t.port(), "telnet");
    ctx.add(ctx.finding("lan.telnet-open", t).identity("service", "telnet").evidence("banner", text));
    Eol.report(t, "telnet", text, ctx);
    if (!ctx.tryLogins()) {
      return;
    }
    Attempt baseline = attempt(t, "mamori-" + random(), random(), ctx);
    if (baseline != null && baseline.noLogin()) {
      ctx.add(ctx.finding("lan.no-auth", t).arg("service", "Telnet").identity("service", "telnet")
          .evidence("answer", HttpCheck.clip(baseline.text().strip(), 120)));
      return;
    }
    if (baseline == null || baseline.accepted()) {
      // no login prompt, or a device that seems to let anyone in: nothing we could tell apart
      return;
    }
    for (LanData.Credential c : baseline.passwordOnly() ? Attempts.passwords(ctx.data(), "telnet", 1) : Attempts.plan(ctx.data(), "telnet", 1)) {
      Attempt a = attempt(t, c.user(), c.password(), ctx);
      if (a == null) {
        ctx.unfinished(t, "telnet " + t + ": no login prompt any more before the default logins were tried to the end");
        return;
      }
      if (a.accepted()) {
        String user = a.passwordOnly() ? NO_USER : c.user();
        ctx.add(ctx.finding("lan.default-login", t).arg("service", "Telnet").arg("user", user)
            .identity("service", "telnet").identity("user", user).evidence("user", user)
            .evidence("password", c.password().isEmpty() ? "(empty)" : "(vendor default, see list)")
            .evidence("answer", HttpCheck.clip(a.text().strip(), 120)), Severity.HIGH);
        return;
      }
    }
  }

  /** One login on a fresh connection; null when no login or password prompt ever came. */
  static Attempt attempt(Target t, String user, String password, LanContext ctx) {
    Duration wait = ctx.timeout().multipliedBy(3);
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      String greet = converse(w, wait, true);
      if (greet == null) {
        return null;
      }
      if (!(endsWithAny(greet, USER_PROMPTS) || endsWithAny(greet, List.of("password:")))) {
        String tail = greet.stripTrailing();
        boolean shell = !tail.isEmpty() && "#$>".indexOf(tail.charAt(tail.length() - 1)) >= 0 && !FAILED.matcher(greet).find();
        return shell && !w.eof() ? new Attempt(true, false, true, greet) : null;
      }
      boolean passwordOnly = !endsWithAny(greet, USER_PROMPTS);
      String answer;
      if (passwordOnly) {
        w.write(password + "\r\n");
        answer = converse(w, wait, false);
      } else {
        w.write(user + "\r\n");
        answer = converse(w, wait, false);
        if (answer != null && endsWithAny(answer, List.of("password:"))) {
          w.write(password + "\r\n");
          answer = converse(w, wait, false);
        }
      }
      return new Attempt(false, passwordOnly, answer != null && !w.eof() && accepted(answer), answer == null ? "" : answer);
    } catch (IOException e) {
      return null;
    }
  }

  /** Let in: something came back that is neither a failure message nor a new login or password prompt. */
  static boolean accepted(String answer) {
    String s = answer.strip();
    return !s.isEmpty() && !FAILED.matcher(s).find() && !endsWithAny(s, USER_PROMPTS) && !endsWithAny(s, List.of("password:"));
  }

  private static boolean endsWithAny(String s, List<String> cues) {
    String l = s.toLowerCase(Locale.ROOT).stripTrailing();
    for (String c : cues) {
      if (l.endsWith(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads, answering option negotiation with refusals, until the device falls quiet or hangs up, or
   * (greeting) a login or password prompt appears, or (answer) a failure message or a new login prompt
   * appears or the text ends like a prompt (":", ">", "#", "$", "%") with nothing after it for a moment.
   * Null when nothing arrived.
   */
  private static String converse(Wire w, Duration wait, boolean greeting) throws IOException {
    long end = System.nanoTime() + wait.toNanos();
    long quietSince = System.nanoTime();
    StringBuilder text = new StringBuilder();
    while (System.nanoTime() < end && text.length() < 8192) {
      long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
      byte[] b = w.readUntil(2048, Duration.ofMillis(Math.min(200, left)), got -> got.length > 0);
      if (b.length == 0) {
        if (w.eof()) {
          break;
        }
        String sofar = text.toString();
        boolean quiet = System.nanoTime() - quietSince >= QUIET.toNanos();
        if (text.length() > 0 && (quiet || (!greeting && looksLikePrompt(sofar)
            && System.nanoTime() - quietSince >= Duration.ofMillis(300).toNanos()))) {
          break;
        }
        continue;
      }
      quietSince = System.nanoTime();
      byte[] reply = refuse(b);
      if (reply.length > 0) {
        w.write(reply);
      }
      text.append(clean(b));
      String sofar = text.toString();
      if (greeting ? endsWithAny(sofar, USER_PROMPTS) || endsWithAny(sofar, List.of("password:"))
          : FAILED.matcher(sofar).find() || endsWithAny(sofar, USER_PROMPTS)) {
        break;
      }
    }
    return text.length() == 0 ? null : text.toString();
  }

  private static boolean looksLikePrompt(String s) {
    String tail = s.stripTrailing();
    return !tail.isEmpty() && ":>#$%".indexOf(tail.charAt(tail.length() - 1)) >= 0;
  }

  private static String random() {
    byte[] b = new byte[6];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** DONT/WONT for every DO/WILL: we want a plain line-mode session. */
  static byte[] refuse(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i + 2 < b.length; i++) {
      if ((b[i] & 0xff) == 0xff) {
        int cmd = b[i + 1] & 0xff;
        if (cmd == 0xfd || cmd == 0xfb) {
          out.write(0xff);
          out.write(cmd == 0xfd ? 0xfc : 0xfe);
          out.write(b[i + 2]);
          i += 2;
        }
      }
    }
    return out.toByteArray();
  }

  /** Text without IAC sequences and control bytes. */
  static String clean(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      int c = b[i] & 0xff;
      if (c == 0xff && i + 1 < b.length) {
        int cmd = b[i + 1] & 0xff;
        if (cmd == 0xfa) {
          while (i + 1 < b.length && !((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xf0)) {
            i++;
          }
          i++;
        } else {
          i += cmd >= 0xfb ? 2 : 1;
        }
        continue;
      }
      if (c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f)) {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
