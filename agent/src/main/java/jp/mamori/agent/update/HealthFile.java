package jp.mamori.agent.update;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * {@code DATA_DIR/health.json} = {@code {version, pid, at}}, rewritten by the daemon once it has started and then
 * every heartbeat interval. The root-side installer calls a new version healthy when this file names it, is
 * fresher than the restart and its process is alive.
 */
public final class HealthFile {
  public static final String NAME = "health.json";

  private HealthFile() {}

  /** Blocking: atomic rename, so a reader never sees half a file. */
  public static void write(Path dataDir, String version, long pid, Instant at) throws IOException {
    Path tmp = dataDir.resolve("." + NAME + ".tmp");
    Files.writeString(tmp, new JsonObject().put("version", version).put("pid", pid).put("at", at.toString()).encode() + "\n",
        StandardCharsets.UTF_8);
    try {
      Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
