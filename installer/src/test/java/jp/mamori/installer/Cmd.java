package jp.mamori.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and keeps what it printed. */
final class Cmd {
  record Result(List<String> argv, int code, String out, String err) {
    Result ok() {
      if (code != 0) {
        throw new AssertionError(describe("exited with " + code));
      }
      return this;
    }

    String describe(String what) {
      return String.join(" ", argv) + " " + what + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Cmd() {}

  static Result run(Duration timeout, Map<String, String> env, List<String> argv) {
    try {
      Path out = Files.createTempFile("mamori-cmd", ".out");
      Path err = Files.createTempFile("mamori-cmd", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor();
          throw new AssertionError(new Result(argv, -1, Files.readString(out), Files.readString(err))
              .describe("did not finish within " + timeout));
        }
        return new Result(argv, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + argv + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + argv, e);
    }
  }

  static Result run(Duration timeout, String... argv) {
    return run(timeout, Map.of(), List.of(argv));
  }
}
