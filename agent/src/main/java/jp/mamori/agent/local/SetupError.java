package jp.mamori.agent.local;

import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.console.ConsoleException;

/** Why the setup page could not enroll the box, as a message key of the local pages (and its argument). */
public record SetupError(String key, String arg) {
  public static SetupError of(Throwable e) {
    if (e instanceof ConsoleException ce) {
      return switch (ce.status()) {
        case 401 -> new SetupError("error.token.unknown", null);
        case 409 -> new SetupError("error.token.used", null);
        case 410 -> new SetupError("error.token.expired", null);
        case 0 -> new SetupError(ConsoleClient.UNTRUSTED_TLS.equals(ce.code()) ? "error.console.tls" : "error.console.unreachable", null);
        default -> new SetupError("error.console.other", ce.status() + " " + ce.code());
      };
    }
    if (e instanceof IllegalArgumentException && !String.valueOf(e.getMessage()).startsWith("CA file")) {
      String m = String.valueOf(e.getMessage());
      return new SetupError(m.contains("unencrypted") || m.contains("plain http") ? "error.console.http" : "error.console.url", null);
    }
    return new SetupError("error.console.other", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }
}
