package jp.mamori.console.agentpackages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Small real .deb files made with Debian's dpkg-deb, for the upload tests. */
public final class TestDebs {
  private TestDebs() {}

  /** A package with one file under /usr/share/doc, built with the given compression (gzip, xz, none). */
  public static Path build(Path dir, String pkg, String version, String arch, String compression) throws IOException, InterruptedException {
    Path root = Files.createTempDirectory(dir, "deb-root");
    Files.createDirectories(root.resolve("DEBIAN"));
    Files.writeString(root.resolve("DEBIAN/control"), "Package: " + pkg + "\nVersion: " + version + "\nArchitecture: " + arch
        + "\nMaintainer: Mamori tests <dev@mamori.example>\nDescription: test package\n multi-line description\n", StandardCharsets.UTF_8);
    Path doc = root.resolve("usr/share/doc/" + pkg);
    Files.createDirectories(doc);
    Files.writeString(doc.resolve("README"), pkg + " " + version + " テスト\n".repeat(200), StandardCharsets.UTF_8);
    Path deb = dir.resolve(pkg + "_" + version.replace(':', '%') + "_" + arch + "." + compression + ".deb");
    Process p = new ProcessBuilder("dpkg-deb", "-Z" + compression, "--root-owner-group", "--build", root.toString(), deb.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("dpkg-deb failed: " + out);
    }
    return deb;
  }
}
