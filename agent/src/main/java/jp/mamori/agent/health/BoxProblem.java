package jp.mamori.agent.health;

import java.time.Instant;

/**
 * Something wrong with the box itself that the owner should know about, shown on the local page's problems
 * line: the console unreachable, the credential refused, (later) a full disk. {@code since} may be null.
 */
public record BoxProblem(String code, String ja, String en, Instant since) {
  public static final String CONSOLE_UNREACHABLE = "console-unreachable";
  public static final String CREDENTIAL_REFUSED = "credential-refused";

  public String text(String lang) {
    return "en".equals(lang) ? en : ja;
  }
}
