package jp.mamori.agent.rules;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import jp.mamori.common.AtomicFiles;

/**
 * The box's verified rule data on disk: {@code DATA_DIR/rules/signed.json} (the signed document exactly as
 * verified: payload and signature in one file, replaced atomically), {@code DATA_DIR/rules/lowest-version}
 * (the highest version ever used, so a damaged file cannot reopen the door to older rules) and
 * {@code DATA_DIR/iocs.json} (the chamber's IoCs for the patrol, written from verified data only).
 */
public final class RulesStore {
  public static final String DIR = "rules";
  public static final String SIGNED = "signed.json";
  public static final String LOWEST = "lowest-version";
  public static final String IOCS = "iocs.json";

  private final Path signed;
  private final Path lowest;
  private final Path iocs;

  public RulesStore(Path dataDir) {
    this.signed = dataDir.resolve(DIR).resolve(SIGNED);
    this.lowest = dataDir.resolve(DIR).resolve(LOWEST);
    this.iocs = dataDir.resolve(IOCS);
  }

  public Path signedFile() {
    return signed;
  }

  public Path iocsFile() {
    return iocs;
  }

  public Optional<String> envelope() throws IOException {
    return Files.isRegularFile(signed) ? Optional.of(Files.readString(signed, StandardCharsets.UTF_8)) : Optional.empty();
  }

  /** The lowest version this box may still accept, or null before it used any (an unreadable file counts as none). */
  public Long lowest() throws IOException {
    if (!Files.isRegularFile(lowest)) {
      return null;
    }
    try {
      return Long.parseLong(Files.readString(lowest, StandardCharsets.UTF_8).strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Stores verified rule data: the signed document first, then the version floor, then the patrol's IoCs. */
  public void save(RuleSet r) throws IOException {
    AtomicFiles.writeString(signed, r.envelope().encode());
    Long was = lowest();
    if (was == null || r.version() > was) {
      AtomicFiles.writeString(lowest, r.version() + "\n");
    }
    writeIocs(r);
  }

  public void writeIocs(RuleSet r) throws IOException {
    AtomicFiles.writeString(iocs, new JsonObject().put("version", r.version()).put("issuedAt", r.issuedAt())
        .put("domains", r.iocs().getJsonArray("domains")).put("scriptHashes", r.iocs().getJsonArray("scriptHashes")).encodePrettily());
  }

  /** Removes an IoC list that no verified rule data backs; answers whether there was one. */
  public boolean removeIocs() throws IOException {
    return Files.deleteIfExists(iocs);
  }
}
