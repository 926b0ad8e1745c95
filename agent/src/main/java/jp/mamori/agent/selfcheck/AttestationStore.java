package jp.mamori.agent.selfcheck;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.common.AtomicFiles;

/** The latest self-check of each PC, in one small JSON file in the data directory (atomic replace). */
public final class AttestationStore {
  public static final String FILE = "pc-attestations.json";
  static final int MAX_DEVICES = 500;

  private final Path file;

  public AttestationStore(Path dataDir) {
    this.file = dataDir.resolve(FILE);
  }

  public Path file() {
    return file;
  }

  public synchronized void put(Attestation a) throws IOException {
    JsonObject all = read();
    if (!all.containsKey(a.deviceId()) && all.size() >= MAX_DEVICES) {
      throw new IOException("self-check store holds " + MAX_DEVICES + " PCs already; not recording " + a.deviceId());
    }
    all.put(a.deviceId(), a.toJson());
    AtomicFiles.writeString(file, all.encodePrettily());
  }

  public synchronized List<Attestation> all() throws IOException {
    List<Attestation> out = new ArrayList<>();
    JsonObject all = read();
    for (String id : all.fieldNames()) {
      out.add(Attestation.fromJson(all.getJsonObject(id)));
    }
    return out;
  }

  private JsonObject read() throws IOException {
    if (!Files.exists(file)) {
      return new JsonObject();
    }
    try {
      return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException("self-check store " + file + " is not valid JSON: " + e.getMessage());
    }
  }
}
