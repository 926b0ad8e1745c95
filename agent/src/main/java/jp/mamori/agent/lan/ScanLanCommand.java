package jp.mamori.agent.lan;

import java.io.PrintStream;
import java.util.List;
import jp.mamori.agent.Command;

/** {@code scan-lan --scope CIDR --json ...}: one LAN hygiene scan (issue: five-point LAN checks). */
public final class ScanLanCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    err.println("mamori-agent scan-lan: the LAN checks are not part of this build yet");
    return 1;
  }
}
