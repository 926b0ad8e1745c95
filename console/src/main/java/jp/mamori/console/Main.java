package jp.mamori.console;

public final class Main {
  private Main() {}

  public static void main(String[] argv) {
    System.exit(2);
  }
}
