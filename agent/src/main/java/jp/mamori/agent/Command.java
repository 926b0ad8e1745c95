package jp.mamori.agent;

import java.io.PrintStream;
import java.util.List;

/** One CLI sub-command. Returns the process exit code: 0 done, 1 failed, 2 wrong usage. */
public interface Command {
  int run(List<String> argv, PrintStream out, PrintStream err) throws Exception;
}
