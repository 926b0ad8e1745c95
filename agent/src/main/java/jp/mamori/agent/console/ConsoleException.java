package jp.mamori.agent.console;

/** The console answered with an error (or could not be reached: status 0). */
public final class ConsoleException extends RuntimeException {
  private final int status;
  private final String code;

  public ConsoleException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The box credential was refused (revoked or unknown): retrying will not help until re-enrolled. */
  public boolean authFailure() {
    return status == 401 || status == 403;
  }

  public boolean retryable() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
