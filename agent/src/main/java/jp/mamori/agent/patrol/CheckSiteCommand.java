package jp.mamori.agent.patrol;

import java.io.PrintStream;
import java.util.List;
import jp.mamori.agent.Command;

/** {@code check-site URL --state DIR --json [--ca-file PEM]}: one website patrol (issue: website patrol). */
public final class CheckSiteCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    err.println("mamori-agent check-site: the website patrol is not part of this build yet");
    return 1;
  }
}
