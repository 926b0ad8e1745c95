package jp.mamori.agent.rules;

/** Rule data refused; the message says why in words an advisor reading the box's status understands. */
public final class RulesException extends Exception {
  public RulesException(String message) {
    super(message);
  }

  public RulesException(String message, Throwable cause) {
    super(message, cause);
  }
}
