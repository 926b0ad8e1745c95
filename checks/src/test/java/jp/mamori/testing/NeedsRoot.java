package jp.mamori.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;

/** Tests that need root (network or mount namespaces) skip loudly without it, and fail instead under -Pci (CI runs as root). */
public final class NeedsRoot {
  private NeedsRoot() {}

  /** E.g. {@code require("LanLabIT", "cannot create network namespaces for the LAN lab", "to test the LAN checks against real daemons")}. */
  public static void require(String test, String without, String with) throws Exception {
    Process id = new ProcessBuilder("id", "-u").start();
    boolean root = "0".equals(new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    id.waitFor();
    if (root) {
      return;
    }
    String msg = "\n!!!!!!!! " + test + " SKIPPED: not root, " + without + ". Run as root (CI does, with -Pci) " + with + ". !!!!!!!!\n";
    System.err.println(msg);
    if (Boolean.getBoolean("mamori.it.requireRoot")) {
      fail(test + " must run in CI but this is not root");
    }
    Assumptions.abort(msg);
  }
}
