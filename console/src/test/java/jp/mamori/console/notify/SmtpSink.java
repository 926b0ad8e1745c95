package jp.mamori.console.notify;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SMTP server (Debian's python3-aiosmtpd) started by the test on 127.0.0.1 with a port the OS
 * picks; received messages come back decoded. Without the package a non-root run skips loudly; as root
 * (CI, where .ci/run installs it) a missing package fails.
 */
public final class SmtpSink implements AutoCloseable {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private final Process process;
  private final Path dir;
  public final int port;

  public SmtpSink(Path dir) throws Exception {
    require();
    this.dir = Files.createDirectories(dir);
    Path script = dir.resolve("smtp-sink.py");
    try (InputStream in = SmtpSink.class.getResourceAsStream("/jp/mamori/console/notify/smtp-sink.py")) {
      Files.write(script, in.readAllBytes());
    }
    process = new ProcessBuilder(PYTHON.toString(), script.toString(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      process.destroyForcibly();
      throw new IllegalStateException("the SMTP sink did not start (python3-aiosmtpd)");
    }
    port = Integer.parseInt(line.strip());
  }

  static void require() throws Exception {
    boolean present = Files.isExecutable(PYTHON)
        && new ProcessBuilder(PYTHON.toString(), "-c", "import aiosmtpd").start().waitFor() == 0;
    if (!present) {
      String msg = "e-mail tests need Debian's python3-aiosmtpd (/usr/bin/python3 -c 'import aiosmtpd'); .ci/run installs it as root";
      if ("root".equals(System.getProperty("user.name"))) {
        throw new IllegalStateException(msg);
      }
      System.err.println("*** SKIPPING E-MAIL TEST: " + msg + " ***");
      Assumptions.abort(msg);
    }
  }

  public List<JsonObject> messages() throws Exception {
    List<JsonObject> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().replace(".json", "")))).toList()) {
        out.add(new JsonObject(Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /** Waits until at least n messages arrived (delivery is asynchronous). */
  public List<JsonObject> await(int n, Duration max) throws Exception {
    long end = System.nanoTime() + max.toNanos();
    List<JsonObject> m = messages();
    while (m.size() < n && System.nanoTime() < end) {
      Thread.sleep(100);
      m = messages();
    }
    return m;
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
