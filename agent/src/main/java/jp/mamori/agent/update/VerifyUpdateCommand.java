package jp.mamori.agent.update;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import jp.mamori.agent.Command;
import jp.mamori.common.AgentPackageManifest;
import jp.mamori.common.Args;
import jp.mamori.common.FileHash;

/**
 * {@code verify-update --pending FILE --deb FILE --trust FILE --installed VERSION}: the root-side installer's
 * check, run as root on root-owned copies, against the console key pinned in a root-owned trust file (never the
 * key in the agent's own config, which the service user can rewrite). Prints {@code version=…} and exits 0 only
 * when the manifest verifies, names this .deb, is newer than the installed version and the file's size and
 * SHA-256 match it; otherwise exits 1 with the reason.
 */
public final class VerifyUpdateCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse("verify-update", argv, Set.of(), Set.of("pending", "deb", "trust", "installed"));
    Properties trust = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(args.required("trust")), StandardCharsets.UTF_8)) {
      trust.load(r);
    }
    Path pendingFile = Path.of(args.required("pending"));
    if (Files.size(pendingFile) > 64 * 1024) {
      throw new AgentPackageManifest.RefusedException(pendingFile + " is larger than 64 KiB");
    }
    JsonObject pending;
    try {
      pending = new JsonObject(Files.readString(pendingFile, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new AgentPackageManifest.RefusedException(pendingFile + " is not a JSON object: " + e.getMessage());
    }
    Object envelope = pending.getValue("manifest");
    AgentPackageManifest m = AgentPackageManifest.verify(envelope instanceof JsonObject j ? j : null, trust.getProperty("public-key"),
        trust.getProperty("key-id"));
    if (!m.file().equals(pending.getValue("file"))) {
      throw new AgentPackageManifest.RefusedException("pending file '" + pending.getValue("file") + "' is not the manifest's " + m.file());
    }
    m.requireNewerThan(args.required("installed"));
    Path deb = Path.of(args.required("deb"));
    long size = Files.size(deb);
    if (size != m.size()) {
      throw new AgentPackageManifest.RefusedException(m.file() + " is " + size + " bytes, the signed manifest says " + m.size());
    }
    String sha = FileHash.sha256(deb);
    if (!sha.equals(m.sha256())) {
      throw new AgentPackageManifest.RefusedException("SHA-256 of " + m.file() + " is " + sha + ", the signed manifest says " + m.sha256());
    }
    out.println("version=" + m.version());
    return 0;
  }
}
