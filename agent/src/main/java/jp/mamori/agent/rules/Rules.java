package jp.mamori.agent.rules;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import jp.mamori.checks.lan.LanData;
import jp.mamori.checks.web.WebRules;

/**
 * The rule data the box's checks use right now: the console's verified copy when there is one, else the
 * bundled one, plus why not when something was refused (reported in the heartbeat as {@code rulesError}).
 * Plain and blocking (file IO): the daemon calls {@link #load} and {@link #accept} on a worker.
 */
public final class Rules implements RuleSource {
  public enum Outcome { INSTALLED, UNCHANGED }

  private final RulesVerifier verifier;
  private final RulesStore store;
  private volatile RuleSet current;
  private volatile String error;

  public Rules(RulesVerifier verifier, RulesStore store) {
    this.verifier = verifier;
    this.store = store;
    this.error = verifier.hasKey() ? null : RulesVerifier.NO_KEY;
  }

  public boolean canUpdate() {
    return verifier.hasKey();
  }

  /** At start: re-verifies what is on disk before using any of it; anything unverified leaves the bundled data in use. */
  public synchronized void load() throws IOException {
    if (!verifier.hasKey()) {
      store.removeIocs();
      return;
    }
    var text = store.envelope();
    if (text.isEmpty()) {
      store.removeIocs();
      return;
    }
    try {
      RuleSet r = verifier.verify(text.get(), store.lowest());
      current = r;
      error = null;
      store.writeIocs(r);
    } catch (RulesException e) {
      error = "stored rule data " + store.signedFile() + " does not verify, using the bundled data until the console sends it again: "
          + e.getMessage();
      store.removeIocs();
    }
  }

  /**
   * Verifies rule data from the console and, when it is newer than what is in use, stores and uses it. A
   * refusal keeps what is in use and is recorded as the error.
   */
  public synchronized Outcome accept(String envelopeText) throws RulesException {
    RuleSet now = current;
    Long lowest;
    try {
      lowest = max(now == null ? null : now.version(), store.lowest());
    } catch (IOException e) {
      lowest = now == null ? null : now.version();
    }
    RuleSet r;
    try {
      r = verifier.verify(envelopeText, lowest);
    } catch (RulesException e) {
      error = e.getMessage();
      throw e;
    }
    if (now != null && r.version() == now.version()) {
      error = null;
      return Outcome.UNCHANGED;
    }
    current = r;
    try {
      store.save(r);
      error = null;
    } catch (IOException e) {
      error = "rule data version " + r.version() + " verified and in use, but it could not be stored (" + e.getMessage()
          + "); after a restart the box uses the previous data until it fetches again";
    }
    return Outcome.INSTALLED;
  }

  /** A fetch that did not get as far as verifying (console unreachable, refused the call). */
  public void recordError(String message) {
    error = message;
  }

  /** The console confirmed that the version in use is its current one. */
  public void upToDate() {
    if (current != null) {
      error = null;
    }
  }

  private static Long max(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
  }

  /** The version of the verified rule data in use, or null when only the bundled data is. */
  public Long version() {
    RuleSet r = current;
    return r == null ? null : r.version();
  }

  public String error() {
    return error;
  }

  @Override
  public LanData lanData() {
    RuleSet r = current;
    return r != null && r.lan() != null ? r.lan() : LanData.get();
  }

  @Override
  public WebRules webRules() {
    RuleSet r = current;
    return r != null && r.web() != null ? r.web() : WebRules.get();
  }

  /** The heartbeat's fields: {@code rulesVersion} (null = bundled only), {@code rulesIssuedAt}, {@code rulesError}. */
  public JsonObject statusJson() {
    RuleSet r = current;
    return new JsonObject().put("rulesVersion", r == null ? null : r.version()).put("rulesIssuedAt", r == null ? null : r.issuedAt())
        .put("rulesError", error);
  }
}
