package jp.mamori.installer;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh Debian bookworm root to install the packages into, copied from one debootstrapped root that is cached
 * under {@code installer/target/} and keyed by what went into it, so a second run does not download it again.
 * Commands run in it through {@code chroot} inside new mount, PID and network namespaces: /proc is mounted only
 * for them and disappears with them, and nothing in the root can reach any network (loopback only).
 */
final class BookwormRoot implements AutoCloseable {
  /** What a Raspberry Pi OS bookworm box has that the packages and the tests use. */
  static final List<String> PACKAGES = List.of("openjdk-17-jre-headless", "adduser", "systemd", "strace");
  static final String MIRROR = System.getenv().getOrDefault("MAMORI_DEBIAN_MIRROR", "http://deb.debian.org/debian");
  private static final Path TARGET = Path.of(System.getProperty("mamori.target", "target")).toAbsolutePath();

  private final Path dir;

  private BookwormRoot(Path dir) {
    this.dir = dir;
  }

  /** Skips loudly without root; fails instead of skipping when the build says root tests must run (CI). */
  static void assumeRoot(String what) {
    if (new UnixSystem().getUid() == 0) {
      return;
    }
    if (Boolean.getBoolean("mamori.it.requireRoot")) {
      throw new AssertionError(what + " needs root, and mamori.it.requireRoot is set (CI must run these tests)");
    }
    String message = "SKIPPED, needs root: " + what;
    System.err.println("*** " + message);
    Assumptions.abort(message);
  }

  /** A new copy of the cached root, named for the test using it. */
  static BookwormRoot fresh(String name) throws IOException {
    Path cached = prepare();
    Path copy = TARGET.resolve("it-roots").resolve(name);
    delete(copy);
    Files.createDirectories(copy.getParent());
    Cmd.run(Duration.ofMinutes(5), "cp", "-a", "--reflink=auto", cached.toString(), copy.toString()).ok();
    return new BookwormRoot(copy);
  }

  /** Makes the cached root if this run has none yet (debootstrap: a minute or two). */
  static synchronized Path prepare() throws IOException {
    String arch = Cmd.run(Duration.ofSeconds(30), "dpkg", "--print-architecture").ok().out().strip();
    String recipe = "bookworm minbase " + arch + " " + MIRROR + " " + String.join(",", PACKAGES);
    Path root = TARGET.resolve("bookworm-" + sha256(recipe).substring(0, 12));
    if (Files.isDirectory(root.resolve("usr/bin"))) {
      return root;
    }
    if (Cmd.run(Duration.ofSeconds(10), "sh", "-c", "command -v debootstrap").code() != 0) {
      throw new AssertionError("debootstrap is missing: install it (it is in .ci/test-packages.txt)");
    }
    try (Stream<Path> old = Files.list(TARGET)) {
      for (Path p : old.filter(p -> p.getFileName().toString().startsWith("bookworm-")).toList()) {
        delete(p);
      }
    }
    Path partial = TARGET.resolve("bookworm-partial");
    long started = System.nanoTime();
    Cmd.run(Duration.ofMinutes(20), "debootstrap", "--variant=minbase", "--include=" + String.join(",", PACKAGES),
        "bookworm", partial.toString(), MIRROR).ok();
    Cmd.run(Duration.ofMinutes(1), "sh", "-c", "rm -f \"$0\"/var/cache/apt/archives/*.deb", partial.toString()).ok();
    Files.move(partial, root);
    System.err.printf("bookworm root for the package tests (%s) made in %d s: %s%n", recipe,
        Duration.ofNanos(System.nanoTime() - started).toSeconds(), root);
    return root;
  }

  /** Runs a POSIX shell script as root inside the root (set -eu), without network. */
  Cmd.Result sh(String script) {
    return Cmd.run(Duration.ofMinutes(5), Map.of(), List.of("unshare", "--mount", "--pid", "--fork", "--net",
        "--mount-proc=" + dir.resolve("proc"), "/bin/sh", "-c",
        "ip link set lo up && exec chroot \"$0\" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8"
            + " HOME=/root /bin/sh -euc \"$1\"",
        dir.toString(), script));
  }

  Cmd.Result shOk(String script) {
    return sh(script).ok();
  }

  /** The host path of an absolute path inside the root. */
  Path path(String inside) {
    return dir.resolve(inside.replaceFirst("^/+", ""));
  }

  void copyIn(Path file, String inside) throws IOException {
    Files.copy(file, path(inside));
  }

  String read(String inside) throws IOException {
    return Files.readString(path(inside), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    delete(dir);
  }

  private static void delete(Path p) {
    if (Files.exists(p)) {
      Cmd.run(Duration.ofMinutes(5), "rm", "-rf", "--one-file-system", p.toString()).ok();
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
