package jp.mamori.checks.lan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import jp.mamori.checks.finding.Severity;

/** Telnet: open at all (point 3, medium), and vendor default logins on its login prompt (high). */
public final class Telnet {
  private Telnet() {}

  public static void check(Target t, byte[] banner, LanContext ctx) {
    String text = clean(banner).strip();
    ctx.inventory().device(t.hostText()).service("tcp/" + t.port(), "telnet");
    ctx.add(ctx.finding("lan.telnet-open", t).identity("service", "telnet").evidence("banner", text));
    if (!ctx.tryLogins()) {
      return;
    }
    for (LanData.Credential c : Attempts.plan(ctx.data(), "telnet", 0)) {
      Boolean ok = login(t, c.user(), c.password(), ctx);
      if (ok == null) {
        return;
      }
      if (ok) {
        ctx.add(ctx.finding("lan.default-login", t).arg("service", "Telnet").arg("user", c.user())
            .identity("service", "telnet").identity("user", c.user()).evidence("user", c.user())
            .evidence("password", c.password().isEmpty() ? "(empty)" : "(vendor default, see list)"), Severity.HIGH);
        return;
      }
    }
  }

  /** true = shell prompt after login, false = refused, null = no login prompt (stop trying). */
  static Boolean login(Target t, String user, String password, LanContext ctx) {
    Duration wait = ctx.timeout().multipliedBy(3);
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      String s = converse(w, wait, "login:", "username:", "user name:");
      if (s == null) {
        return null;
      }
      w.write(user + "\r\n");
      s = converse(w, wait, "password:", "$ ", "# ", "> ");
      if (s == null) {
        return false;
      }
      if (!s.toLowerCase(Locale.ROOT).contains("password:")) {
        return shell(s);
      }
      w.write(password + "\r\n");
      s = converse(w, wait, "$ ", "# ", "> ", "incorrect", "failed", "denied", "invalid", "login:");
      return s != null && shell(s);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean shell(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    if (l.contains("incorrect") || l.contains("failed") || l.contains("denied") || l.contains("invalid")
        || l.strip().endsWith("login:")) {
      return false;
    }
    String tail = s.stripTrailing();
    return tail.endsWith("$") || tail.endsWith("#") || tail.endsWith(">");
  }

  /** Reads, answering option negotiation with refusals, until one of the cues appears in the text. */
  private static String converse(Wire w, Duration wait, String... cues) throws IOException {
    long end = System.nanoTime() + wait.toNanos();
    StringBuilder text = new StringBuilder();
    while (System.nanoTime() < end && text.length() < 8192) {
      byte[] b = w.read(2048, Duration.ofMillis(Math.max(1, Math.min(500, (end - System.nanoTime()) / 1_000_000))));
      if (b.length == 0) {
        if (w.eof()) {
          return text.length() > 0 ? text.toString() : null;
        }
        continue;
      }
      byte[] reply = refuse(b);
      if (reply.length > 0) {
        w.write(reply);
      }
      text.append(clean(b));
      String l = text.toString().toLowerCase(Locale.ROOT).stripTrailing();
      for (String cue : cues) {
        String c = cue.strip();
        if (l.endsWith(c) || (c.length() > 4 && l.contains(c))) {
          return text.toString();
        }
      }
    }
    return null;
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
