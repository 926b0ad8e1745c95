package jp.mamori.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of the built jars run as a real process; its output is kept in a log file and scanned for lines. */
public final class JarProcess implements AutoCloseable {
  public static final Path AGENT_JAR = Path.of("../agent/target/mamori-agent.jar").toAbsolutePath().normalize();
  public static final Path CONSOLE_JAR = Path.of("target/mamori-console.jar").toAbsolutePath().normalize();

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path log;

  private JarProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
          Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
      } catch (IOException ignored) {
        // process gone
      }
    }, "jar-output");
    pump.setDaemon(true);
    pump.start();
  }

  public static JarProcess start(Path jar, Path log, String... args) throws IOException {
    return start(List.of(), jar, log, args);
  }

  /** Runs the jar under a wrapper command that ends by exec'ing its arguments (e.g. {@code unshare -m sh -c '…; exec "$0" "$@"'}). */
  public static JarProcess start(List<String> wrapper, Path jar, Path log, String... args) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run 'mvn package' first (integration tests run after it)");
    }
    List<String> cmd = new ArrayList<>(wrapper);
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    return new JarProcess(p, log);
  }

  /** Waits for a line matching the pattern and returns its first group (or the whole line). */
  public String await(Pattern pattern, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m.groupCount() > 0 ? m.group(1) : line;
        }
      } else if (!process.isAlive() && lines.isEmpty()) {
        throw new AssertionError("process exited with " + process.exitValue() + " before printing " + pattern + "; see " + log);
      }
    }
    throw new AssertionError("no line matching " + pattern + " within " + seconds + " s; see " + log);
  }

  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process did not finish within " + seconds + " s; see " + log);
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no flush, like a power cut for the process. Children (the demo's agent) go too. */
  public void kill() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    children.forEach(ProcessHandle::destroyForcibly);
  }

  public List<ProcessHandle> children() {
    return process.children().toList();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** SIGTERM and wait, as systemd stops the service. */
  public int stop() throws InterruptedException {
    process.destroy();
    return waitFor(30);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
