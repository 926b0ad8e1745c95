package jp.mamori.console.chamber;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The seam for the help desk's SLA compliance figures on the chamber dashboard and in reports. The desk's
 * SLA engine plugs its query in ({@code services.portal().sla = ...}); until then the dashboard shows
 * first-response facts from the tickets table and says that SLA targets are not configured.
 */
@FunctionalInterface
public interface SlaCompliance {
  /** {@code {"firstResponse": {"met": n, "breached": n}, "resolution": {...}, "percent": x}} or empty when unknown. */
  Optional<JsonObject> compliance(Connection c, long chamberId, Instant from, Instant to) throws SQLException;

  SlaCompliance NONE = (c, chamberId, from, to) -> Optional.empty();
}
