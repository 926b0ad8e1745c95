package jp.mamori.checks.finding;

/** A finding (or run report) that does not follow the wire schema; the message names the field. */
public class InvalidFindingException extends RuntimeException {
  public InvalidFindingException(String message) {
    super(message);
  }
}
