package jp.mamori.agent.selfcheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mamori.checks.finding.CheckCatalog;
import jp.mamori.checks.finding.Finding;

/**
 * Turns one PC's self-check into findings. Point 2 (antivirus) cannot be seen on the wire, so this is the
 * honest substitute: the PC's own answers plus whether its web protection blocked the EICAR test file.
 */
public final class SelfCheck {
  public static final Set<String> ANSWERS = Set.of("yes", "no", "unknown");
  private static final Map<String, String> OS_EOL = new HashMap<>();
  private static final Map<String, Integer> BROWSER_MIN = new HashMap<>();

  static {
    try (InputStream in = SelfCheck.class.getResourceAsStream("client-eol.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.strip().split("\\|");
        if (line.startsWith("#") || f.length != 3) {
          continue;
        }
        if (f[0].equals("os")) {
          OS_EOL.put(f[1], f[2]);
        } else if (f[0].equals("browser")) {
          BROWSER_MIN.put(f[1], Integer.parseInt(f[2]));
        }
      }
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing jp/mamori/agent/selfcheck/client-eol.txt", e);
    }
  }

  private SelfCheck() {}

  public static List<Finding> evaluate(Attestation a, Clock clock) {
    List<Finding> out = new ArrayList<>();
    CheckCatalog cat = CheckCatalog.get();
    String device = a.name() == null || a.name().isBlank() ? a.ip() : a.name() + "（" + a.ip() + "）";
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String eol = OS_EOL.get(a.client().os());
    if (eol != null && !LocalDate.parse(eol).isAfter(today)) {
      out.add(cat.finding("pc.os-eol").target(a.ip()).observedAt(clock).arg("device", device).arg("os", a.client().os())
          .arg("eol", eol).identity("device", a.deviceId()).identity("os", a.client().os())
          .evidence("os", a.client().os()).evidence("userAgent", a.client().userAgent()).build());
    }
    Integer min = BROWSER_MIN.get(a.client().browser());
    boolean ie = a.client().browser().equals("Internet Explorer");
    if (ie || (min != null && a.client().browserMajor() != null && a.client().browserMajor() < min)) {
      String b = a.client().browser() + " " + a.client().browserMajor();
      out.add(cat.finding("pc.browser-old").target(a.ip()).observedAt(clock).arg("device", device).arg("browser", b)
          .identity("device", a.deviceId()).identity("browser", a.client().browser()).evidence("browser", b).build());
    }
    boolean blocked = Boolean.TRUE.equals(a.eicarBlocked());
    boolean saysProtected = "yes".equals(a.av()) && "yes".equals(a.defs());
    if (!blocked && !saysProtected) {
      List<String> why = new ArrayList<>();
      why.add("no".equals(a.av()) ? "ウイルス対策ソフトが入っていないとの回答" : "yes".equals(a.av()) ? "" : "ウイルス対策ソフトの有無が不明");
      why.add("no".equals(a.defs()) ? "定義ファイルが自動更新されていないとの回答" : "yes".equals(a.defs()) ? "" : "定義ファイルの更新が不明");
      why.removeIf(String::isEmpty);
      out.add(cat.finding("pc.web-protection").target(a.ip()).observedAt(clock).arg("device", device)
          .arg("answers", String.join("、", why)).identity("device", a.deviceId())
          .evidence("eicarBlocked", a.eicarBlocked()).evidence("antivirus", a.av()).evidence("definitionsAuto", a.defs())
          .build());
    }
    out.add(cat.finding("pc.attestation").target(a.ip()).observedAt(clock).arg("device", device)
        .identity("device", a.deviceId()).evidence("name", a.name()).evidence("os", a.client().os())
        .evidence("browser", a.client().browser() + (a.client().browserMajor() == null ? "" : " " + a.client().browserMajor()))
        .evidence("eicarBlocked", a.eicarBlocked()).evidence("antivirus", a.av()).evidence("definitionsAuto", a.defs())
        .evidence("osUpdatesAuto", a.updates()).evidence("checkedAt", a.at().toString()).build());
    return out;
  }

  /** The note the LAN inventory keeps for this PC. */
  public static String inventoryNote(Attestation a) {
    return "pc self-check " + a.at().toString().substring(0, 10) + ": " + a.client().os() + ", " + a.client().browser()
        + (a.client().browserMajor() == null ? "" : " " + a.client().browserMajor())
        + ", EICAR " + (Boolean.TRUE.equals(a.eicarBlocked()) ? "blocked" : "not blocked") + ", AV " + a.av();
  }
}
