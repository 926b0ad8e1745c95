package jp.mamori.agent;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mamori.agent.daemon.RunCommand;
import jp.mamori.agent.enroll.EnrollCommand;
import jp.mamori.agent.lan.ScanLanCommand;
import jp.mamori.agent.patrol.CheckSiteCommand;
import jp.mamori.common.Args;
import jp.mamori.common.Version;

public final class Main {
  static final String USAGE = """
      Usage: mamori-agent <command> [options]

      Commands:
        check-site URL --state DIR --json [--ca-file PEM]
            Patrol one website once and print the findings as a JSON array.
        scan-lan --scope CIDR --json [--ports LIST] [--rate N] [--inventory FILE] [--light]
            Check the devices in one private or loopback range (at most /22) once.
        scan-lan --targets HOST:PORT[,HOST:PORT...] --json
            Check exactly these services (private or loopback addresses), identified by what they answer.
        run --config FILE
            Run the box daemon: scheduled checks, delivery to the console, heartbeat, and the local pages
            (local.port). Not enrolled yet, it serves only the setup page (http://mamori.local/) and starts
            the checks as soon as the page or 'enroll' has enrolled it, without a restart.
        enroll --console URL --token TOKEN --config FILE [--ca-file PEM] [--data-dir DIR]
            Exchange a chamber's enrollment token for this box's credential and write FILE (mode 0600),
            as the setup page does. On an installed box: sudo mamori-agent enroll --console URL
            --token TOKEN --config /etc/mamori/agent.conf (a running daemon picks it up within seconds).
        verify-update --pending FILE --deb FILE --trust FILE --installed VERSION
            (root-side installer) Check a downloaded agent package against the pinned console key.

      Options:
        --help       show this help (also: <command> --help)
        --version    print the version
      """;

  private Main() {}

  static Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    m.put("check-site", new CheckSiteCommand());
    m.put("scan-lan", new ScanLanCommand());
    m.put("run", new RunCommand());
    m.put("enroll", new EnrollCommand());
    m.put("verify-update", new jp.mamori.agent.update.VerifyUpdateCommand());
    return m;
  }

  public static void main(String[] argv) {
    // Netty 4.2 registers its allocator events with the flight recorder: ~100 JFR classes and ~2,500 annotation
    // objects on the heap of a box that never records
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    int code = run(List.of(argv), System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  static int run(List<String> argv, PrintStream out, PrintStream err) {
    if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h") || argv.get(0).equals("help")) {
      out.print(USAGE);
      return argv.isEmpty() ? 2 : 0;
    }
    if (argv.get(0).equals("--version")) {
      out.println("mamori-agent " + Version.get());
      return 0;
    }
    Command command = commands().get(argv.get(0));
    if (command == null) {
      err.println("mamori-agent: unknown command '" + argv.get(0) + "'");
      err.print(USAGE);
      return 2;
    }
    List<String> rest = argv.subList(1, argv.size());
    if (rest.contains("--help")) {
      out.print(USAGE);
      return 0;
    }
    try {
      return command.run(rest, out, err);
    } catch (Args.UsageException e) {
      err.println("mamori-agent " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("mamori-agent " + argv.get(0) + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    }
  }
}
