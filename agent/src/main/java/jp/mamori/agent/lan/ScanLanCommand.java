package jp.mamori.agent.lan;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jp.mamori.agent.Command;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.lan.LanScanner;
import jp.mamori.checks.lan.Scope;
import jp.mamori.checks.lan.Target;
import jp.mamori.common.Args;

/**
 * {@code scan-lan --scope CIDR --json [--ports LIST] [--rate N] [--inventory FILE]} or
 * {@code scan-lan --targets host:port,... --json}: one LAN hygiene scan; findings as a JSON array on stdout.
 */
public final class ScanLanCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse("scan-lan", argv, Set.of("json", "light"),
        Set.of("scope", "targets", "ports", "rate", "inventory", "timeout-ms"));
    LanScanner.Options options = options(args);
    Path inventory = args.option("inventory").map(Path::of).orElse(null);
    if (inventory != null) {
      options = options.withPrevious(readInventory(inventory));
    }
    LanScanner.Result result = new LanScanner(Clock.systemUTC()).scan(options);
    if (inventory != null) {
      writeInventory(inventory, result.inventoryJson());
    }
    if (args.flag("json")) {
      JsonArray a = new JsonArray();
      result.run().findings().forEach(f -> a.add(f.toJson()));
      out.println(a.encodePrettily());
    } else {
      for (Finding f : result.run().findings()) {
        out.println(f.severity().wire() + "\tpoint " + f.point() + "\t" + f.target() + "\t" + f.title().ja());
      }
    }
    err.println("scan-lan: " + LanScanner.summary(result) + " in "
        + Duration.between(result.run().startedAt(), result.run().finishedAt()).toMillis() + " ms");
    for (String e : result.errors().subList(0, Math.min(20, result.errors().size()))) {
      err.println("scan-lan: note: " + e);
    }
    return 0;
  }

  static LanScanner.Options options(Args args) {
    boolean hasScope = args.option("scope").isPresent();
    boolean hasTargets = args.option("targets").isPresent();
    if (hasScope == hasTargets) {
      throw new Args.UsageException("scan-lan: give exactly one of --scope CIDR or --targets host:port,...");
    }
    LanScanner.Options o;
    try {
      o = hasScope ? LanScanner.Options.scope(Scope.parse(args.required("scope"), true))
          : LanScanner.Options.targets(Target.parseList(args.required("targets")));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException("scan-lan: " + e.getMessage());
    }
    if (args.option("ports").isPresent()) {
      if (hasTargets) {
        throw new Args.UsageException("scan-lan: --ports applies to --scope only (targets already name their ports)");
      }
      o = o.withPorts(ports(args.required("ports")));
    }
    o = o.withRate(args.intOption("rate", o.rate(), 1, 5000));
    o = o.withTimeout(Duration.ofMillis(args.intOption("timeout-ms", (int) o.timeout().toMillis(), 100, 30_000)));
    return o.withLight(args.flag("light"));
  }

  static List<Integer> ports(String list) {
    TreeSet<Integer> out = new TreeSet<>();
    for (String part : list.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      try {
        int dash = p.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
        int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
        if (from < 1 || to > 65535 || from > to) {
          throw new Args.UsageException("scan-lan: --ports entry '" + p + "' is outside 1-65535");
        }
        for (int i = from; i <= to && out.size() <= 4096; i++) {
          out.add(i);
        }
      } catch (NumberFormatException e) {
        throw new Args.UsageException("scan-lan: --ports entry '" + p + "' is not a port or range like 8000-8100");
      }
    }
    if (out.isEmpty() || out.size() > 4096) {
      throw new Args.UsageException("scan-lan: --ports must list 1 to 4096 ports");
    }
    return new ArrayList<>(out);
  }

  static JsonObject readInventory(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException("inventory file " + file + " is not valid JSON (" + e.getMessage() + "); move it away to start afresh");
    }
  }

  static void writeInventory(Path file, JsonObject inventory) throws IOException {
    jp.mamori.common.AtomicFiles.writeString(file, inventory.encodePrettily());
  }
}
