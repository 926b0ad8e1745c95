import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records which classes the agent daemon loads, for the class-data sharing archive the package's postinst
 * makes ({@code -Xshare:dump -XX:SharedClassListFile=…}). Runs {@code mamori-agent run} through the launcher
 * (so with its JVM flags) against a console this program serves on loopback, with its local pages on a loopback
 * port, until the agent has sent a few heartbeats and served its self-check page, then stops it with SIGTERM as
 * systemd would.
 *
 * <p>Usage: {@code java CdsTraining.java LAUNCHER CLASSLIST WORKDIR}
 */
public final class CdsTraining {
  private static final int HEARTBEATS = 3;
  private static final int MIN_CLASSES = 1000;

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: java CdsTraining.java LAUNCHER CLASSLIST WORKDIR");
    }
    Path launcher = Path.of(args[0]);
    Path classList = Path.of(args[1]).toAbsolutePath();
    Path work = Path.of(args[2]).toAbsolutePath();
    Files.createDirectories(work);
    Files.createDirectories(classList.getParent());
    Files.deleteIfExists(classList);

    CountDownLatch heartbeats = new CountDownLatch(HEARTBEATS);
    HttpServer console = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    console.createContext("/", exchange -> answer(exchange, heartbeats));
    console.start();
    String base = "http://127.0.0.1:" + console.getAddress().getPort() + "/";
    int localPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      localPort = free.getLocalPort();
    }
    Path config = work.resolve("agent.conf");
    Files.writeString(config, String.join("\n",
        "console.url=" + base,
        "box.id=cds-training",
        "box.credential=cds-training",
        "data.dir=" + work.resolve("data"),
        "heartbeat.seconds=1",
        "local.host=127.0.0.1",
        "local.port=" + localPort,
        // the patrol of a page this program serves, once the daemon patrols configured sites
        "sites=" + base + "site/",
        ""), StandardCharsets.UTF_8);

    Path log = work.resolve("agent.log");
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "run", "--config", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("MAMORI_JAVA_OPTS", "-XX:DumpLoadedClassList=" + classList);
    pb.environment().put("MAMORI_CDS_ARCHIVE", "none");
    pb.environment().put("MAMORI_USER", "root");
    Process agent = pb.start();
    try {
      if (!heartbeats.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the agent sent fewer than " + HEARTBEATS + " heartbeats in 120 s"
            + (agent.isAlive() ? "" : " (it exited with " + agent.exitValue() + ")") + "; its log:\n" + Files.readString(log));
      }
      HttpResponse<String> page = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + "/check")).build(), HttpResponse.BodyHandlers.ofString());
      if (page.statusCode() != 200) {
        throw new IllegalStateException("the agent's self-check page answered " + page.statusCode() + "; its log:\n" + Files.readString(log));
      }
    } finally {
      agent.destroy();
      if (!agent.waitFor(60, TimeUnit.SECONDS)) {
        agent.destroyForcibly().waitFor();
      }
      console.stop(0);
    }
    List<String> classes = Files.readAllLines(classList).stream().filter(l -> !l.startsWith("#")).toList();
    if (classes.size() < MIN_CLASSES || classes.stream().noneMatch(l -> l.startsWith("jp/mamori/agent/daemon/AgentVerticle"))) {
      throw new IllegalStateException("class list " + classList + " holds only " + classes.size()
          + " classes or lacks the agent's daemon; agent log:\n" + Files.readString(log));
    }
    System.out.println("CDS class list: " + classes.size() + " classes in " + classList);
  }

  private static void answer(HttpExchange exchange, CountDownLatch heartbeats) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath();
    String body;
    String type = "application/json";
    if (path.equals("/api/v1/heartbeat")) {
      body = "{\"serverTime\":\"" + Instant.now() + "\",\"commands\":[]}";
      heartbeats.countDown();
    } else if (path.startsWith("/site/")) {
      body = "<!doctype html><html lang=\"ja\"><head><title>見本商店</title></head>"
          + "<body><h1>見本商店</h1><p>営業時間 9:00〜18:00</p><a href=\"/site/about\">会社概要</a></body></html>";
      type = "text/html; charset=utf-8";
    } else {
      body = "{}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
