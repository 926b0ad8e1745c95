package jp.mamori.console;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.mamori.common.Args;
import jp.mamori.common.Version;
import jp.mamori.console.auth.PasswordHasher;
import jp.mamori.console.demo.Demo;

public final class Main {
  static final String USAGE = """
      Usage: mamori-console <command> [options]

      Commands:
        serve --data DIR [--port N] [--host ADDR] [--tls-cert PEM --tls-key PEM]
            Run the consultation console with its SQLite database in DIR.
            --port 0 picks a free port; the first line mentioning http:// is the URL.
        demo [--port N] [--data DIR] [--agent-jar PATH]
            Start a complete demo on this machine: console, demo chamber/advisor/company,
            an enrolled agent, a demo website with a planted compromise and simulated
            office devices, all on loopback. Prints the URL and the login.

      Options:
        --help       show this help
        --version    print the version
      """;

  private Main() {}

  public static void main(String[] argv) {
    int code = run(List.of(argv), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(List<String> argv, PrintStream out, PrintStream err) {
    if (argv.isEmpty() || List.of("--help", "-h", "help").contains(argv.get(0))) {
      out.print(USAGE);
      return argv.isEmpty() ? 2 : 0;
    }
    if (argv.get(0).equals("--version")) {
      out.println("mamori-console " + Version.get());
      return 0;
    }
    if (argv.contains("--help")) {
      out.print(USAGE);
      return 0;
    }
    try {
      return switch (argv.get(0)) {
        case "serve" -> serve(Args.parse("serve", argv.subList(1, argv.size()), Set.of(), Set.of("data", "port", "host", "tls-cert", "tls-key")), out, err);
        case "demo" -> Demo.run(Args.parse("demo", argv.subList(1, argv.size()), Set.of(), Set.of("port", "data", "agent-jar")), out, err);
        default -> {
          err.println("mamori-console: unknown command '" + argv.get(0) + "'");
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (Args.UsageException e) {
      err.println("mamori-console " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("mamori-console " + argv.get(0) + ": " + (e.getMessage() == null ? e : e.getMessage()));
      return 1;
    }
  }

  private static int serve(Args args, PrintStream out, PrintStream err) throws Exception {
    Path data = Path.of(args.required("data"));
    Files.createDirectories(data);
    Optional<Path> cert = args.option("tls-cert").map(Path::of);
    Optional<Path> key = args.option("tls-key").map(Path::of);
    int port = args.intOption("port", cert.isPresent() ? 8443 : 8080, 0, 65535);
    ConsoleServer.Options options = new ConsoleServer.Options(data, args.option("host").orElse("0.0.0.0"), port, cert, key,
        PasswordHasher.DEFAULT_ITERATIONS);
    Vertx vertx = Vertx.vertx();
    ConsoleServer server = new ConsoleServer(options, Clock.systemUTC());
    try {
      vertx.deployVerticle(server).await(2, TimeUnit.MINUTES);
      Path initial = Bootstrap.ensureOperator(server.services(), data).await(2, TimeUnit.MINUTES);
      out.println("Mamori console listening on " + server.url());
      if (initial != null) {
        out.println("First start: operator account " + Bootstrap.OPERATOR_EMAIL + ", password in " + initial.toAbsolutePath());
      }
      out.flush();
    } catch (Exception e) {
      err.println("mamori-console serve: cannot start: " + (e.getMessage() == null ? e : e.getMessage()));
      vertx.close();
      return 1;
    }
    awaitShutdown(vertx);
    return 0;
  }

  /** Blocks until SIGTERM/SIGINT, then closes Vert.x (verticles stop, database closes after queued writes). */
  public static void awaitShutdown(Vertx vertx) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().await(20, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
      done.countDown();
    }, "mamori-shutdown"));
    done.await();
  }
}
