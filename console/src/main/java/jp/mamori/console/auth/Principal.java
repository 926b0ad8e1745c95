package jp.mamori.console.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Who is asking, and which tenants they may see. Every query is scoped through this. */
public record Principal(long userId, String email, String displayName, Role role, Set<Long> chamberIds, Long smeId) {

  public Principal {
    chamberIds = Set.copyOf(chamberIds);
  }

  public boolean operator() {
    return role == Role.OPERATOR;
  }

  public boolean seesChamber(long chamberId) {
    return operator() || (role.desk() && chamberIds.contains(chamberId));
  }

  public boolean seesSme(long chamberId, long smeId) {
    return seesChamber(chamberId) || (role.portal() && this.smeId != null && this.smeId == smeId);
  }

  public boolean administers(long chamberId) {
    return operator() || (role == Role.CHAMBER_ADMIN && chamberIds.contains(chamberId));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", userId).put("email", email).put("displayName", displayName).put("role", role.wire())
        .put("chamberIds", new JsonArray(chamberIds.stream().sorted().toList())).put("smeId", smeId);
  }
}
