package jp.mamori.console.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;

/**
 * The WHERE fragment that limits a query to what a principal may see: everything for the operator, the
 * chambers of desk staff, the own company of portal users. Empty when the principal sees nothing.
 */
public record Scope(String sql, List<Object> params) {

  public static Optional<Scope> of(Principal p, String chamberColumn, String smeColumn) {
    if (p.operator()) {
      return Optional.of(new Scope("1 = 1", List.of()));
    }
    if (p.role().portal()) {
      return p.smeId() == null ? Optional.empty() : Optional.of(new Scope(smeColumn + " = ?", List.of(p.smeId())));
    }
    if (p.role().desk() && !p.chamberIds().isEmpty()) {
      return Optional.of(new Scope(chamberColumn + " IN (" + Jdbc.marks(p.chamberIds().size()) + ")", new ArrayList<>(p.chamberIds())));
    }
    return Optional.empty();
  }
}
