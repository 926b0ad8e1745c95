package jp.mamori.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that probe (fake) devices run only in a network namespace of their own, where loopback is all there
 * is: the build starts test JVMs through {@code .ci/netns/bin/java}, which says so with {@code -Dmamori.netns=true}.
 * Anywhere else (an IDE, a machine without namespaces) they skip loudly; where CI requires it they fail.
 */
public final class OwnNetwork {
  private OwnNetwork() {}

  public static void require(String test) {
    if (Boolean.getBoolean("mamori.netns")) {
      return;
    }
    String msg = "\n!!!!!!!! " + test + " SKIPPED: this JVM is not in a network namespace of its own, and tests that probe devices "
        + "run only there (run them with mvn, whose test JVMs start through .ci/netns/bin/java). !!!!!!!!\n";
    System.err.println(msg);
    if (Boolean.getBoolean("mamori.it.requireRoot")) {
      Assertions.fail(test + " must run in CI, in its own network namespace");
    }
    Assumptions.abort(msg);
  }
}
