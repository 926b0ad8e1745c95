package jp.mamori.console.demo;

import java.io.PrintStream;
import jp.mamori.common.Args;

public final class Demo {
  private Demo() {}

  public static int run(Args args, PrintStream out, PrintStream err) {
    err.println("demo: not yet");
    return 1;
  }
}
