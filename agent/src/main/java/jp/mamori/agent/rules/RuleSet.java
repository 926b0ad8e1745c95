package jp.mamori.agent.rules;

import io.vertx.core.json.JsonObject;
import jp.mamori.checks.lan.LanData;
import jp.mamori.checks.web.WebRules;

/**
 * Rule data whose signature verified, as the box uses it. {@code lan} and {@code web} are null when the
 * payload carried none (an older console): the bundled copy stays in use for them.
 *
 * @param envelope the signed document as received ({@code payload}, {@code signature}, {@code keyId})
 * @param iocs {@code {domains, scriptHashes}} of the chamber
 */
public record RuleSet(long version, String issuedAt, JsonObject envelope, JsonObject iocs, LanData lan, WebRules web) {}
