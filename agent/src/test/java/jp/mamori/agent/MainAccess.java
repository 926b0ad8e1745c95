package jp.mamori.agent;

import java.io.PrintStream;
import java.util.List;

/** Test access to the CLI dispatcher. */
public final class MainAccess {
  private MainAccess() {}

  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    return Main.run(argv, out, err);
  }
}
