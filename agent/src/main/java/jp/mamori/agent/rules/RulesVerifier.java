package jp.mamori.agent.rules;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jp.mamori.checks.lan.LanData;
import jp.mamori.checks.web.WebRules;
import jp.mamori.common.SignedEnvelope;

/**
 * Checks rule data from the console before anything of it is used: the Ed25519 signature against the key
 * pinned at enrollment (before the payload is parsed), the key id, the version against the lowest one this
 * box may accept (no rollback to older rules), then every table (one bad entry refuses the whole payload).
 */
public final class RulesVerifier {
  static final String NO_KEY = "no console signing key is pinned: this box was enrolled before signed rule data existed, so it "
      + "refuses all rule updates and uses its bundled data; enroll it again (mamori-agent enroll) to receive updates";

  private final String publicKey;
  private final String keyId;

  /** {@code publicKey}: base64 X.509 key from the enroll answer (null when none was pinned); {@code keyId} may be null. */
  public RulesVerifier(String publicKey, String keyId) {
    this.publicKey = publicKey == null || publicKey.isBlank() ? null : publicKey.strip();
    this.keyId = keyId == null || keyId.isBlank() ? null : keyId.strip();
  }

  public boolean hasKey() {
    return publicKey != null;
  }

  /**
   * Verifies a signed document ({@code {payload, signature, keyId}} as JSON text).
   *
   * @param lowest the lowest version this box may accept, or null when any version is acceptable
   */
  public RuleSet verify(String envelopeText, Long lowest) throws RulesException {
    if (publicKey == null) {
      throw new RulesException(NO_KEY);
    }
    JsonObject envelope;
    try {
      envelope = new JsonObject(envelopeText == null ? "" : envelopeText);
    } catch (DecodeException | ClassCastException e) {
      throw new RulesException("rule data is not a signed document (JSON object with payload, signature, keyId): " + shorten(envelopeText));
    }
    JsonObject payload;
    try {
      payload = SignedEnvelope.verify(envelope, publicKey, keyId);
    } catch (SignedEnvelope.InvalidSignatureException e) {
      throw new RulesException("rule data refused: " + e.getMessage());
    }
    if (!(payload.getValue("version") instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
      throw new RulesException("signed rule data has no valid version (a whole number of 0 or more): " + payload.getValue("version"));
    }
    long version = n.longValue();
    if (lowest != null && version < lowest) {
      throw new RulesException("refusing rule data version " + version + ": this box already used version " + lowest
          + " (older rules offered again; if the console was restored from a backup, its version must pass " + lowest + " first)");
    }
    if (!(payload.getValue("data") instanceof JsonObject data)) {
      throw new RulesException("signed rule data version " + version + " has no data object");
    }
    try {
      JsonObject iocs = iocs(data.getValue("iocs"));
      LanData lan = data.containsKey("lan") ? LanData.fromJson(object(data, "lan")) : null;
      WebRules web = null;
      if (data.containsKey("web") && object(data, "web").containsKey("cmsEol")) {
        web = WebRules.get().withCmsTable(object(object(data, "web"), "cmsEol"));
      }
      return new RuleSet(version, payload.getValue("issuedAt") instanceof String s ? s : null, envelope, iocs, lan, web);
    } catch (IllegalArgumentException e) {
      throw new RulesException("signed rule data version " + version + " refused as a whole: " + e.getMessage(), e);
    }
  }

  private static JsonObject object(JsonObject o, String key) {
    if (!(o.getValue(key) instanceof JsonObject v)) {
      throw new IllegalArgumentException("'" + key + "' must be an object");
    }
    return v;
  }

  private static JsonObject iocs(Object value) {
    if (value == null) {
      return new JsonObject().put("domains", new JsonArray()).put("scriptHashes", new JsonArray());
    }
    if (!(value instanceof JsonObject o)) {
      throw new IllegalArgumentException("iocs must be an object {domains, scriptHashes}");
    }
    JsonObject out = new JsonObject();
    for (String key : new String[] {"domains", "scriptHashes"}) {
      Object list = o.getValue(key, new JsonArray());
      if (!(list instanceof JsonArray a) || a.stream().anyMatch(x -> !(x instanceof String s) || s.isBlank())) {
        throw new IllegalArgumentException("iocs." + key + " must be a list of non-empty strings");
      }
      out.put(key, a.copy());
    }
    return out;
  }

  private static String shorten(String s) {
    if (s == null) {
      return "(nothing)";
    }
    return s.length() > 80 ? "'" + s.substring(0, 80) + "…'" : "'" + s + "'";
  }
}
