package jp.mamori.checks.lan;

import jp.mamori.checks.finding.Severity;

/** Matches what a device says about itself against the end-of-life table (lan/eol.json). */
public final class Eol {
  private Eol() {}

  /** Adds lan.eol-software (confirmed, past its date) or lan.possible-cve (only a possible match). */
  public static void report(Target t, String kind, String said, LanContext ctx) {
    report(t.text(), t.hostText(), kind, said, ctx);
  }

  public static void report(String target, String host, String kind, String said, LanContext ctx) {
    ctx.data().eol(kind, said).ifPresent(m -> {
      LanData.EolEntry e = m.entry();
      boolean confirmed = e.severity().compareTo(Severity.MEDIUM) >= 0 && !e.eol().isEmpty();
      if (confirmed && !LanData.eolPassed(e.eol(), ctx.today())) {
        return;
      }
      ctx.add(ctx.finding(confirmed ? "lan.eol-software" : "lan.possible-cve", target, host)
          .arg("product", e.product()).arg("eol", e.eol()).identity("product", e.product())
          .evidence("said", Wire.printable(said.getBytes(java.nio.charset.StandardCharsets.UTF_8), 200))
          .evidence("matched", m.matched()).evidence("eol", e.eol()), confirmed ? e.severity() : Severity.LOW);
    });
  }
}
