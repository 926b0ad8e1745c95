package jp.mamori.checks.web;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.CheckCatalog;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;

/**
 * Collects observations from all pages of one patrol and turns them into findings: one per check and
 * identity, targeted at the first page it was seen on (the home page first), with the other pages as evidence.
 */
final class Findings {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)\\}");

  private record Seen(Observation observation, Set<String> pages) {}

  private final Map<String, Seen> seen = new LinkedHashMap<>();
  private final Clock clock;

  Findings(Clock clock) {
    this.clock = clock;
  }

  void add(URI page, Observation o) {
    add(page.toString(), o);
  }

  void add(String page, Observation o) {
    Seen s = seen.computeIfAbsent(o.check() + "\n" + o.identity(), k -> new Seen(o, new LinkedHashSet<>()));
    if (s.pages().size() < 20) {
      s.pages().add(page);
    }
  }

  void addAll(URI page, List<Observation> list) {
    list.forEach(o -> add(page, o));
  }

  boolean has(String check) {
    return seen.values().stream().anyMatch(s -> s.observation().check().equals(check));
  }

  boolean any(Severity atLeast) {
    return seen.values().stream().anyMatch(s -> s.observation().severity().compareTo(atLeast) >= 0);
  }

  List<Finding> build() {
    List<Finding> out = new ArrayList<>();
    for (Seen s : seen.values()) {
      Observation o = s.observation();
      String target = s.pages().iterator().next();
      Finding.Builder b = CheckCatalog.get().finding(o.check()).severity(o.severity()).target(target)
          .identity("id", o.identity()).observedAt(clock).evidence("page", target);
      if (o.snippet() != null && !o.snippet().isBlank()) {
        b.evidence("snippet", o.snippet());
      }
      o.facts().forEach(b::evidence);
      if (s.pages().size() > 1) {
        b.evidence("pages", new ArrayList<>(s.pages()));
      }
      CheckCatalog.Entry entry = CheckCatalog.get().entry(o.check()).orElseThrow();
      for (String text : List.of(entry.title().ja(), entry.title().en(), entry.advice().ja(), entry.advice().en())) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
          b.arg(m.group(1), o.facts().getOrDefault(m.group(1), ""));
        }
      }
      out.add(b.build());
    }
    out.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::check));
    return out;
  }
}
