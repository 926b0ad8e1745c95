package jp.mamori.agent.selfcheck;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One PC's self-check: who (device id from a cookie, a name staff typed, its LAN address), what the
 * browser said, whether the EICAR test download was blocked, and the plain answers.
 * answers: "yes" / "no" / "unknown" for av (antivirus installed), defs (definitions update automatically),
 * updates (OS updates automatic).
 */
public record Attestation(String deviceId, String name, String ip, ClientInfo client, Boolean eicarBlocked, String av,
    String defs, String updates, Instant at) {

  public JsonObject toJson() {
    return new JsonObject().put("deviceId", deviceId).put("name", name).put("ip", ip)
        .put("os", client.os()).put("browser", client.browser()).put("browserMajor", client.browserMajor())
        .put("userAgent", client.userAgent()).put("eicarBlocked", eicarBlocked).put("av", av).put("defs", defs)
        .put("updates", updates).put("at", at.toString());
  }

  public static Attestation fromJson(JsonObject j) {
    return new Attestation(j.getString("deviceId"), j.getString("name"), j.getString("ip"),
        new ClientInfo(j.getString("os"), j.getString("browser"), j.getInteger("browserMajor"), j.getString("userAgent")),
        j.getBoolean("eicarBlocked"), j.getString("av"), j.getString("defs"), j.getString("updates"), Instant.parse(j.getString("at")));
  }
}
