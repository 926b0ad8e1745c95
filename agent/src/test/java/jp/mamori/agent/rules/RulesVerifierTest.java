package jp.mamori.agent.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Nothing of the console's rule data is used before its signature, key id, version and every entry checked out. */
class RulesVerifierTest {
  final Signer console = new Signer("ed25519:0011223344556677");
  final RulesVerifier box = console.verifier();

  @Test
  void goodDataVerifiesAndBuildsTheTables() throws Exception {
    RuleSet r = box.verify(console.sign(Signer.payload(7, "skimmer.example")), 5L);
    assertThat(r.version()).isEqualTo(7);
    assertThat(r.issuedAt()).isEqualTo("2026-11-20T00:00:00Z");
    assertThat(r.iocs().getJsonArray("domains").getList()).containsExactly("skimmer.example");
    assertThat(r.lan().eol("windows", "10.0.19045")).isPresent();
    assertThat(r.web()).isNotNull();
    assertThat(box.verify(console.sign(Signer.payload(7)), 7L).version()).as("the version in use is acceptable again").isEqualTo(7);
    JsonObject iocsOnly = new JsonObject().put("version", 3).put("issuedAt", "x").put("data", new JsonObject().put("iocs", new JsonObject()));
    RuleSet old = box.verify(console.sign(iocsOnly), null);
    assertThat(old.lan()).as("an older console sends only IoCs: the bundled tables stay").isNull();
    assertThat(old.web()).isNull();
  }

  @Test
  void anotherKeyIsRefused() {
    Signer stranger = new Signer(console.keyId);
    assertThatThrownBy(() -> box.verify(stranger.sign(Signer.payload(8)), null)).isInstanceOf(RulesException.class)
        .hasMessageContaining("does not verify with the pinned key");
  }

  @Test
  void aTamperedPayloadIsRefused() {
    JsonObject envelope = new JsonObject(console.sign(Signer.payload(8, "skimmer.example")));
    envelope.put("payload", envelope.getString("payload").replace("skimmer.example", "harmless.example"));
    assertThatThrownBy(() -> box.verify(envelope.encode(), null)).hasMessageContaining("does not verify");
    JsonObject appended = new JsonObject(console.sign(Signer.payload(8)));
    appended.put("payload", appended.getString("payload") + " ");
    assertThatThrownBy(() -> box.verify(appended.encode(), null)).as("even whitespace counts").hasMessageContaining("does not verify");
  }

  @Test
  void aLowerVersionIsARollbackAndRefused() {
    assertThatThrownBy(() -> box.verify(console.sign(Signer.payload(4)), 5L)).isInstanceOf(RulesException.class)
        .hasMessageContaining("refusing rule data version 4").hasMessageContaining("already used version 5");
  }

  @Test
  void anotherKeyIdIsRefused() {
    Signer sameKeyOtherId = new Signer("ed25519:ffffffffffffffff");
    RulesVerifier pinned = new RulesVerifier(sameKeyOtherId.publicKey(), console.keyId);
    assertThatThrownBy(() -> pinned.verify(sameKeyOtherId.sign(Signer.payload(1)), null))
        .hasMessageContaining("signed by key 'ed25519:ffffffffffffffff', but this box trusts 'ed25519:0011223344556677'");
  }

  @Test
  void garbageIsRefused() {
    assertThatThrownBy(() -> box.verify("<html>502 Bad Gateway</html>", null)).hasMessageContaining("not a signed document");
    assertThatThrownBy(() -> box.verify(null, null)).hasMessageContaining("not a signed document");
    assertThatThrownBy(() -> box.verify("{}", null)).hasMessageContaining("string fields 'payload' and 'signature'");
    assertThatThrownBy(() -> box.verify(new JsonObject(console.sign(Signer.payload(1))).put("signature", "%%%").encode(), null))
        .hasMessageContaining("not base64");
    assertThatThrownBy(() -> box.verify(console.sign("[1,2,3]"), null)).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> box.verify(console.sign(new JsonObject().put("version", "7").put("data", new JsonObject())), null))
        .hasMessageContaining("no valid version");
    assertThatThrownBy(() -> box.verify(console.sign(new JsonObject().put("version", -1).put("data", new JsonObject())), null))
        .hasMessageContaining("no valid version");
    assertThatThrownBy(() -> box.verify(console.sign(new JsonObject().put("version", 2)), null)).hasMessageContaining("has no data object");
    JsonObject badIocs = Signer.payload(2);
    badIocs.getJsonObject("data").getJsonObject("iocs").put("domains", "evil.example");
    assertThatThrownBy(() -> box.verify(console.sign(badIocs), null)).hasMessageContaining("iocs.domains must be a list");
  }

  @Test
  void aBrokenEolRegexRefusesTheWholePayloadNamingTheEntry() {
    JsonObject p = Signer.payload(9, "skimmer.example");
    JsonObject entry = p.getJsonObject("data").getJsonObject("lan").getJsonArray("eol").getJsonObject(12);
    entry.put("pattern", "+deb7u?\\d*");
    assertThatThrownBy(() -> box.verify(console.sign(p), null)).isInstanceOf(RulesException.class)
        .hasMessageContaining("version 9 refused as a whole").hasMessageContaining("lan.eol[12] (" + entry.getString("product") + ")")
        .hasMessageContaining("not a valid regular expression");
    JsonObject cms = Signer.payload(9);
    cms.getJsonObject("data").getJsonObject("web").getJsonObject("cmsEol").getJsonObject("wordpress").put("latest", null);
    assertThatThrownBy(() -> box.verify(console.sign(cms), null)).hasMessageContaining("web.cmsEol 'wordpress': latest");
  }

  @Test
  void aBoxWithoutAPinnedKeyAcceptsNothingAndSaysToReEnroll() {
    RulesVerifier unpinned = new RulesVerifier(null, null);
    assertThat(unpinned.hasKey()).isFalse();
    assertThatThrownBy(() -> unpinned.verify(console.sign(Signer.payload(1)), null)).hasMessageContaining("enroll it again");
    assertThatThrownBy(() -> new RulesVerifier("not-a-key", null).verify(console.sign(Signer.payload(1)), null))
        .hasMessageContaining("not a base64 Ed25519 public key");
  }
}
