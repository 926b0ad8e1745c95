package jp.mamori.checks.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.checks.web.Fetcher.As;
import jp.mamori.checks.web.Fetcher.Chain;
import jp.mamori.checks.web.Fetcher.Response;
import jp.mamori.checks.web.PageFacts.Kind;
import jp.mamori.checks.web.PageFacts.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One website patrol: availability and TLS, redirects, the home page (as the patrol, a browser, a search bot
 * and a visitor from a search engine) and up to {@code maxPages - 1} same-site pages linked from it, compared
 * with what earlier patrols learned in the state directory. Blocking; run it on a worker thread.
 */
public final class Patrol {
  private static final Logger LOG = LoggerFactory.getLogger(Patrol.class);
  /** When the daemon re-checks an outage seen once, before raising it. */
  public static final Duration RECHECK = Duration.ofMinutes(5);
  /** Changes (DNS, redirect chain) are reported for this long, then become the new baseline. */
  static final Duration CHANGE_WINDOW = Duration.ofDays(7);
  static final List<String> TLS_CHECKS = List.of("web.tls-untrusted", "web.tls-hostname", "web.tls-expired",
      "web.tls-expiring", "web.tls-legacy-protocol");
  static final int MAX_SCRIPT_FILES = 12;
  static final int MAX_SCRIPT_BYTES = 512 * 1024;
  /** Linked pages fetched as Googlebot per patrol, in turn: cloaking is not always on the home page. */
  static final int BOT_SAMPLES = 2;
  /** Form-like pages two links from home that a patrol visits when it has pages to spare. */
  static final int FORM_PAGES_DEEPER = 4;
  /**
   * Version of what the origin baseline was learned from (2: user-content CDN paths are origins of their own; 3: the
   * site's stylesheet files, script files' send targets and script addresses in inline code are read too).
   */
  static final int ORIGIN_KEYS = 3;
  static final String SEARCH_REFERRER = "https://www.google.co.jp/search?oq=search.yahoo.co.jp+bing.com&q=";
  private static final Pattern PRIORITY = Pattern.compile(
      "(?i)(contact|inquiry|toiawase|form|cart|checkout|order|shop|login|account|entry|reserve|yoyaku|mail)");

  /** The run with its coverage, and when to re-check (an outage seen for the first time). */
  /** {@code stateError}: the run's findings stand, but what it learned could not be saved (a full disk, say). */
  public record Result(CheckRun run, Duration recheckAfter, int requests, int pages, IOException stateError) {}

  private final PatrolOptions options;
  private final SiteResolver resolver;
  private final Clock clock;
  private final WebRules rules;
  private final PageAnalyzer analyzer;

  public Patrol(PatrolOptions options, SiteResolver resolver, Clock clock) {
    this(options, resolver, clock, WebRules.get());
  }

  /** A patrol with the given rule data (a box's bundled rules with its console's verified CMS table). */
  public Patrol(PatrolOptions options, SiteResolver resolver, Clock clock, WebRules rules) {
    this.options = options;
    this.resolver = resolver;
    this.clock = clock;
    this.rules = rules;
    this.analyzer = new PageAnalyzer(rules);
  }

  /** Normalises a site URL given by a person: http(s) only, a path of at least "/". */
  public static URI siteUrl(String raw) {
    URI u;
    try {
      u = new URI(raw.strip());
    } catch (Exception e) {
      throw new IllegalArgumentException("not a URL: '" + raw + "'");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
      throw new IllegalArgumentException("site must be an http:// or https:// URL with a host, got '" + raw + "'");
    }
    if (u.getRawPath() == null || u.getRawPath().isEmpty()) {
      u = URI.create(u.toString() + "/");
    }
    return Sites.withoutFragment(u);
  }

  public Result run(URI site, Path stateDir) throws IOException {
    Instant started = clock.instant();
    PatrolState state = PatrolState.load(stateDir);
    if (state.discarded() != null) {
      LOG.warn(state.discarded());
    }
    IocList iocs = IocList.load(options.iocFile());
    Findings found = new Findings(clock);
    Set<String> checks = new LinkedHashSet<>();
    String host = Sites.host(site);
    String siteTarget = site.toString();

    List<InetAddress> addresses;
    try {
      addresses = resolver.addresses(host);
    } catch (UnknownHostException e) {
      checks.add("web.unreachable");
      Duration recheck = outage(state, found, siteTarget, "DNS: " + e.getMessage(), "dns");
      return finish(state, found, checks, List.of(siteTarget), started, recheck, 0, 0);
    }
    boolean allowPrivate = addresses.stream().anyMatch(Sites::isPrivate);
    boolean https = site.getScheme().equalsIgnoreCase("https");

    try (Fetcher fetcher = new Fetcher(options, resolver, allowPrivate, clock)) {
      if (https) {
        checks.addAll(TLS_CHECKS);
        tls(host, Sites.port(site), addresses.get(0), siteTarget, found);
      }
      checks.add("web.unreachable");
      checks.add("web.blocked");
      checks.add("web.redirect-offsite");
      checks.add("web.redirect-private");
      Chain home = fetcher.follow(site, As.PATROL, null);
      if (home.offsite() == null && home.last().error() == null && !home.last().ok()) {
        // some firewalls refuse unknown user agents: if a browser gets the page, the site is up
        Chain asBrowser = fetcher.follow(site, As.BROWSER, null);
        if (asBrowser.offsite() == null && asBrowser.last().ok()) {
          found.add(siteTarget, Observation.of("web.blocked", Severity.INFO, "blocked", "HTTP " + home.last().status()
              + " for " + Fetcher.PATROL_UA));
          home = asBrowser;
        }
      }
      Response last = home.last();
      if (home.offsite() != null) {
        found.add(siteTarget, Observation.of("web.redirect-offsite", Severity.CRITICAL, Sites.host(home.offsite()),
            String.join("\n", home.describe())).with("to", home.offsite().toString()).with("how", "server redirect")
            .with("host", Sites.host(home.offsite())));
        state.json().put("failures", 0);
        return finish(state, found, checks, List.of(siteTarget), started, null, fetcher.requests(), 1);
      }
      if (last.error() != null && last.error().contains("private address")) {
        found.add(siteTarget, Observation.of("web.redirect-private", Severity.MEDIUM, "private", last.error())
            .with("chain", String.join(" | ", home.describe())));
        return finish(state, found, checks, List.of(siteTarget), started, null, fetcher.requests(), 1);
      }
      if (!last.ok() || home.stopped() != null) {
        if (last.error() == null && analyzer.isBlockedPage("", Bodies.text(last.body()))) {
          found.add(siteTarget, Observation.of("web.blocked", Severity.INFO, "blocked", "HTTP " + last.status()));
          return finish(state, found, checks, List.of(siteTarget), started, null, fetcher.requests(), 1);
        }
        String reason = home.stopped() != null ? home.stopped()
            : last.error() != null ? last.error() : "HTTP " + last.status();
        String kind = last.timedOut() ? "timeout" : last.error() != null ? "connection" : "status";
        Duration recheck = outage(state, found, siteTarget, reason, kind);
        return finish(state, found, checks, List.of(siteTarget), started, recheck, fetcher.requests(), 1);
      }
      state.json().put("failures", 0);
      state.json().remove("firstFailure");

      URI homeUrl = last.uri();
      PageFacts patrolView = analyzer.analyze(last.body(), homeUrl, true);
      if (patrolView.blockedPage()) {
        found.add(siteTarget, Observation.of("web.blocked", Severity.INFO, "blocked", patrolView.title()));
        return finish(state, found, checks, List.of(siteTarget), started, null, fetcher.requests(), 1);
      }
      checks.clear();
      checks.add("web.");
      int homeFetches = 1;
      chainChange(state, home, siteTarget, found);

      Chain browser = fetcher.follow(site, As.BROWSER, null);
      PageFacts browserView = null;
      if (browser.offsite() == null && browser.last().ok()) {
        browserView = analyzer.analyze(browser.last().body(), browser.last().uri(), true);
        homeFetches++;
      } else if (browser.offsite() != null) {
        found.add(homeUrl, Observation.of("web.redirect-offsite", Severity.CRITICAL, Sites.host(browser.offsite()),
            String.join("\n", browser.describe())).with("to", browser.offsite().toString()).with("how",
            "server redirect for browsers").with("host", Sites.host(browser.offsite())));
      }
      searchReferrer(fetcher, site, host, homeUrl, browser, browserView, found);
      cloaking(fetcher, site, homeUrl, patrolView, browserView, found);

      List<PageFacts> pages = new ArrayList<>();
      pages.add(patrolView);
      if (browserView != null) {
        pages.add(browserView);
      }
      Set<String> knownPages = new HashSet<>(state.list("pages"));
      knownPages.add(homeUrl.toString());
      int failedPages = crawl(fetcher, state, homeUrl, patrolView, pages, found, started);
      subPageCloaking(fetcher, state, pages.subList(browserView == null ? 1 : 2, pages.size()), found);
      if (Duration.between(started, clock.instant()).compareTo(options.patrolDeadline()) < 0) {
        new SitemapCheck(fetcher, analyzer).run(state, homeUrl, new HashSet<>(state.list("pages")), found);
      }
      for (PageFacts p : pages) {
        found.addAll(p.uri(), p.observations());
      }

      List<PageFacts> withFiles = styleFiles(fetcher, scriptFiles(fetcher, pages, iocs, found), iocs, found);
      origins(state, withFiles, found);
      tagContainers(state, pages, found);
      ioc(iocs, pages, found);
      outboundLinks(state, pages, knownPages, found);
      homeChanges(state, patrolView, found);
      cms(fetcher, homeUrl, pages, found);
      Hygiene.headers(last, homeUrl.getScheme().equals("https")).ifPresent(o -> found.add(homeUrl, o));
      Response sec = fetcher.follow(homeUrl.resolve("/.well-known/security.txt"), As.PATROL, null).last();
      Hygiene.securityTxt(sec, clock.instant()).ifPresent(o -> found.add(siteTarget, o));
      plainHttp(fetcher, site, homeUrl, siteTarget, found);
      dns(state, host, siteTarget, found);

      state.json().put("homeFetches", state.json().getInteger("homeFetches", 0) + homeFetches);
      List<String> targets = new ArrayList<>();
      if (failedPages == 0) {
        targets.add(Sites.origin(site) + "/");
        targets.add(Sites.origin(homeUrl) + "/");
      } else {
        targets.add(siteTarget);
        pages.forEach(p -> targets.add(p.uri().toString()));
      }
      return finish(state, found, checks, targets.stream().distinct().toList(), started, null, fetcher.requests(),
          pages.size());
    }
  }

  private Result finish(PatrolState state, Findings found, Set<String> checks, List<String> targets, Instant started,
      Duration recheck, int requests, int pages) {
    state.json().put("runs", state.runs() + 1).put("lastRun", clock.instant().toString());
    IOException notSaved = null;
    try {
      state.save();
    } catch (IOException e) {
      notSaved = e;
    }
    // built before the finish time is taken: a run's findings are observed within the run
    List<Finding> findings = found.build();
    CheckRun run = new CheckRun(UUID.randomUUID(), new ArrayList<>(checks), targets, started, clock.instant(), findings);
    return new Result(run, recheck, requests, pages, notSaved);
  }

  /** An outage counts once it was seen twice in a row: the first sighting is low and asks for a re-check. */
  private static Duration outage(PatrolState state, Findings found, String target, String reason, String kind) {
    int streak = state.json().getInteger("failures", 0) + 1;
    state.json().put("failures", streak);
    boolean confirmed = streak >= 2;
    found.add(target, Observation.of("web.unreachable", confirmed ? Severity.MEDIUM : Severity.LOW, "availability", reason)
        .with("reason", reason).with("kind", kind).with("confirmed", String.valueOf(confirmed))
        .with("consecutiveFailures", String.valueOf(streak)));
    return confirmed ? null : RECHECK;
  }

  private void tls(String host, int port, InetAddress address, String target, Findings found) {
    TlsInspector.Report r = new TlsInspector(options.extraTrust(), options.connectTimeout(), clock)
        .inspect(host, port, address);
    if (r.error() == null) {
      if (r.trustProblem() != null) {
        found.add(target, Observation.of("web.tls-untrusted", Severity.HIGH, "chain", r.trustProblem())
            .with("issuer", r.issuer()).with("subject", r.subject()));
      }
      if (r.nameProblem() != null) {
        found.add(target, Observation.of("web.tls-hostname", Severity.HIGH, "name", r.nameProblem())
            .with("host", host).with("subject", r.subject()));
      }
      long days = r.daysLeft(clock.instant());
      if (r.notAfter().isBefore(clock.instant())) {
        found.add(target, Observation.of("web.tls-expired", Severity.HIGH, "expiry", "notAfter " + r.notAfter())
            .with("notAfter", r.notAfter().toString()));
      } else if (days < 30) {
        found.add(target, Observation.of("web.tls-expiring", days < 14 ? Severity.HIGH : Severity.MEDIUM, "expiry",
            "notAfter " + r.notAfter()).with("notAfter", r.notAfter().toString()).with("days", String.valueOf(days)));
      }
    }
    if (!r.legacyProtocols().isEmpty()) {
      String list = String.join(", ", r.legacyProtocols());
      found.add(target, Observation.of("web.tls-legacy-protocol", Severity.MEDIUM, "legacy", list).with("protocols", list));
    }
  }

  private static List<String> chainOf(Chain c) {
    List<String> out = new ArrayList<>();
    for (Response r : c.hops()) {
      String u = r.uri().toString();
      int q = u.indexOf('?');
      out.add(r.status() + " " + (q < 0 ? u : u.substring(0, q)));
    }
    return out;
  }

  private void chainChange(PatrolState state, Chain home, String target, Findings found) {
    List<String> now = chainOf(home);
    List<String> before = state.list("chain");
    Instant t = clock.instant();
    if (!before.isEmpty() && !before.equals(now)) {
      state.json().put("chainChange", new JsonObject().put("since", t.toString()).put("from", new JsonArray(before))
          .put("to", new JsonArray(now)));
    }
    state.putList("chain", now, 10);
    JsonObject change = state.json().getJsonObject("chainChange");
    if (change != null) {
      Instant since = Instant.parse(change.getString("since"));
      if (Duration.between(since, t).compareTo(CHANGE_WINDOW) < 0) {
        String to = String.join(" → ", PatrolState.strings(change.getJsonArray("to")));
        found.add(target, Observation.of("web.redirect-chain-changed", Severity.MEDIUM, to,
            String.join(" → ", PatrolState.strings(change.getJsonArray("from"))) + "\n⇒ " + to)
            .with("to", to).with("since", since.toString()));
      } else {
        state.json().remove("chainChange");
      }
    }
  }

  private void searchReferrer(Fetcher fetcher, URI site, String host, URI homeUrl, Chain browser, PageFacts browserView,
      Findings found) {
    // hacked .htaccess and PHP look for an engine's name anywhere in the Referer: name Google, Yahoo! JAPAN and Bing
    Chain ref = fetcher.follow(site, As.MOBILE, SEARCH_REFERRER + host);
    if (ref.offsite() != null && browser.offsite() == null) {
      found.add(homeUrl, Observation.of("web.redirect-search-referrer", Severity.CRITICAL, Sites.host(ref.offsite()),
          String.join("\n", ref.describe())).with("to", ref.offsite().toString()).with("how", "server redirect")
          .with("host", Sites.host(ref.offsite())));
      return;
    }
    if (ref.offsite() == null && ref.last().ok() && browserView != null) {
      PageFacts refView = analyzer.analyze(ref.last().body(), ref.last().uri(), false);
      Set<String> normal = new HashSet<>();
      browserView.observations().forEach(o -> normal.add(o.check() + o.identity()));
      for (Observation o : refView.observations()) {
        if (o.check().equals("web.redirect-offsite") && !normal.contains(o.check() + o.identity())) {
          found.add(homeUrl, new Observation("web.redirect-search-referrer", Severity.CRITICAL, o.identity(), o.snippet(),
              o.facts()).with("host", o.identity()));
        }
      }
      // no redirect, but another page for visitors from a search (a phone's layout may differ: text is not compared)
      searchVisitors(found, homeUrl, cloakedBy(browserView, refView, false));
    }
  }

  private void cloaking(Fetcher fetcher, URI site, URI homeUrl, PageFacts patrolView, PageFacts browserView,
      Findings found) {
    if (browserView == null) {
      return;
    }
    Chain bot = fetcher.follow(site, As.BOT, null);
    if (bot.offsite() != null) {
      found.add(homeUrl, botRedirect(bot));
      return;
    }
    if (!bot.last().ok()) {
      return;
    }
    PageFacts botView = analyzer.analyze(bot.last().body(), bot.last().uri(), true);
    if (botView.blockedPage()) {
      return;
    }
    Set<String> extraLinks = new LinkedHashSet<>(botView.offsiteLinkHosts());
    extraLinks.removeAll(browserView.offsiteLinkHosts());
    extraLinks.removeAll(patrolView.offsiteLinkHosts());
    Set<String> extraTerms = new LinkedHashSet<>();
    botView.spamTerms().forEach((term, w) -> {
      if (w >= 2 && !browserView.spamTerms().containsKey(term)) {
        extraTerms.add(term);
      }
    });
    double botOnly = onlyIn(botView.shingles(), browserView.shingles());
    double control = onlyIn(patrolView.shingles(), browserView.shingles());
    int extraCount = (int) Math.round(botOnly * botView.shingles().size());
    String how = null;
    String robotOnly = robotOnlyPages(botView, browserView, patrolView);
    Set<String> declared = new LinkedHashSet<>(botView.declaredHosts());
    declared.removeAll(browserView.declaredHosts());
    if (!declared.isEmpty()) {
      how = "search robots are told the page belongs to " + String.join(", ", declared);
    } else if (extraLinks.size() >= 2) {
      how = "extra links for search robots: " + String.join(", ", extraLinks);
    } else if (!extraTerms.isEmpty()) {
      how = "spam words for search robots: " + String.join(", ", extraTerms);
    } else if (robotOnly != null) {
      how = "links to pages of this site that only search robots are shown: " + robotOnly;
    } else if (botOnly > control + 0.3 && extraCount > 200) {
      how = "different text for search robots (" + Math.round(botOnly * 100) + "% new)";
    } else {
      double botSim = Texts.similarity(botView.textSketch(), browserView.textSketch());
      double normalSim = Texts.similarity(patrolView.textSketch(), browserView.textSketch());
      if (botSim < 0.4 && normalSim > botSim + 0.4) {
        how = String.format(Locale.ROOT, "a different page for search robots (%.0f%% alike, normally %.0f%%)", botSim * 100,
            normalSim * 100);
      }
    }
    if (how != null) {
      found.add(homeUrl, Observation.of("web.cloaking", Severity.HIGH, "content", how).with("how", how));
    }
  }

  /**
   * Cloaking on pages other than the home page: a few linked pages per patrol, in turn, fetched as Googlebot and
   * compared with what the patrol saw on the same page (spam, other sites' links, spam words, a different text).
   */
  private void subPageCloaking(Fetcher fetcher, PatrolState state, List<PageFacts> crawled, Findings found) {
    if (crawled.isEmpty()) {
      return;
    }
    int n = Math.min(BOT_SAMPLES, crawled.size());
    int from = (state.runs() * BOT_SAMPLES) % crawled.size();
    for (int k = 0; k < n; k++) {
      PageFacts seen = crawled.get((from + k) % crawled.size());
      Chain bot = fetcher.follow(seen.uri(), As.BOT, null);
      if (bot.offsite() != null) {
        found.add(seen.uri(), botRedirect(bot));
        continue;
      }
      Response r = bot.last();
      if (!r.ok() || !isHtml(r)) {
        continue;
      }
      PageFacts botView = analyzer.analyze(r.body(), r.uri(), false);
      if (botView.blockedPage()) {
        continue;
      }
      String how = cloakedBy(seen, botView, true);
      if (how != null) {
        found.add(seen.uri(), Observation.of("web.cloaking", Severity.HIGH, "content", how).with("how", how));
      }
    }
    // and one as a phone arriving from a search: hacked .htaccess rules often spare the home page
    PageFacts seen = crawled.get((from + n) % crawled.size());
    Chain ref = fetcher.follow(seen.uri(), As.MOBILE, SEARCH_REFERRER + Sites.host(seen.uri()));
    if (ref.offsite() != null) {
      found.add(seen.uri(), Observation.of("web.redirect-search-referrer", Severity.CRITICAL, Sites.host(ref.offsite()),
          String.join("\n", ref.describe())).with("to", ref.offsite().toString()).with("how", "server redirect")
          .with("host", Sites.host(ref.offsite())));
    } else if (ref.last().ok() && isHtml(ref.last())) {
      searchVisitors(found, seen.uri(), cloakedBy(seen, analyzer.analyze(ref.last().body(), ref.last().uri(), false), false));
    }
  }

  private static Observation botRedirect(Chain bot) {
    return Observation.of("web.cloaking", Severity.CRITICAL, "redirect", String.join("\n", bot.describe()))
        .with("how", "search robots are redirected to " + Sites.host(bot.offsite()));
  }

  private static void searchVisitors(Findings found, URI page, String how) {
    if (how != null) {
      found.add(page, Observation.of("web.cloaking", Severity.HIGH, "search-visitors", "visitors from a search: " + how)
          .with("how", "visitors arriving from a search engine get " + how));
    }
  }

  private static boolean isHtml(Response r) {
    String type = r.header("content-type");
    return type == null || type.toLowerCase(Locale.ROOT).contains("html");
  }

  /**
   * How another view of a page (a search robot's, a search visitor's) differs from a visitor's in the ways cloaking
   * does, or null. {@code compareText}: also a wholly different text (not for phones, whose layout may differ).
   */
  static String cloakedBy(PageFacts visitor, PageFacts bot, boolean compareText) {
    boolean spam = bot.observations().stream().anyMatch(o -> o.check().equals("web.seo-spam"));
    if (spam && visitor.observations().stream().noneMatch(o -> o.check().equals("web.seo-spam"))) {
      return "spam for search robots only";
    }
    Set<String> declared = new LinkedHashSet<>(bot.declaredHosts());
    declared.removeAll(visitor.declaredHosts());
    if (!declared.isEmpty()) {
      return "a page that says it belongs to " + String.join(", ", declared);
    }
    Set<String> extraLinks = new LinkedHashSet<>(bot.offsiteLinkHosts());
    extraLinks.removeAll(visitor.offsiteLinkHosts());
    if (extraLinks.size() >= 2) {
      return "extra links for search robots: " + String.join(", ", extraLinks);
    }
    Set<String> extraTerms = new LinkedHashSet<>();
    bot.spamTerms().forEach((term, w) -> {
      if (w >= 2 && !visitor.spamTerms().containsKey(term)) {
        extraTerms.add(term);
      }
    });
    if (!extraTerms.isEmpty()) {
      return "spam words for search robots: " + String.join(", ", extraTerms);
    }
    double sim = Texts.similarity(bot.textSketch(), visitor.textSketch());
    if (compareText && sim < 0.3 && bot.textLength() > 300) {
      return String.format(Locale.ROOT, "a different page for search robots (%.0f%% alike)", sim * 100);
    }
    return null;
  }

  /**
   * Same-site pages a robot's view links to and neither visitor view does (a keyword hack's doorway pages), when there
   * are several and far more than the two visitor views differ by themselves (rotating "related posts"); or null.
   */
  static String robotOnlyPages(PageFacts bot, PageFacts browser, PageFacts patrol) {
    Set<URI> extra = new LinkedHashSet<>(bot.pageLinks());
    extra.removeAll(browser.pageLinks());
    extra.removeAll(patrol.pageLinks());
    Set<URI> control = new HashSet<>(patrol.pageLinks());
    control.removeAll(browser.pageLinks());
    if (extra.size() < 5 || extra.size() <= 2 * control.size() + 2) {
      return null;
    }
    return extra.stream().limit(3).map(URI::toString).collect(java.util.stream.Collectors.joining(", "));
  }

  private static double onlyIn(Set<Integer> a, Set<Integer> b) {
    if (a.isEmpty()) {
      return 0;
    }
    int only = 0;
    for (Integer h : a) {
      if (!b.contains(h)) {
        only++;
      }
    }
    return (double) only / a.size();
  }

  /** Depth-1 crawl of same-site pages; returns how many chosen pages could not be fetched. */
  private int crawl(Fetcher fetcher, PatrolState state, URI homeUrl, PageFacts home, List<PageFacts> pages,
      Findings found, Instant started) {
    Set<URI> linked = new LinkedHashSet<>(home.pageLinks());
    linked.remove(Sites.withoutFragment(homeUrl));
    Set<String> known = new HashSet<>(state.list("pages"));
    List<URI> chosen = new ArrayList<>(linked);
    chosen.sort(Comparator.comparingInt((URI u) -> known.contains(u.toString()) ? 0 : 1)
        .thenComparingInt(u -> PRIORITY.matcher(u.toString()).find() ? 0 : 1));
    int max = options.maxPages() - 1;
    if (chosen.size() > max) {
      chosen = new ArrayList<>(chosen.subList(0, max));
    }
    int failed = 0;
    List<String> fetched = new ArrayList<>();
    Set<URI> visited = new HashSet<>(chosen);
    visited.add(Sites.withoutFragment(homeUrl));
    List<URI> queue = new ArrayList<>(chosen);
    int formPages = 0;
    for (int q = 0; q < queue.size(); q++) {
      URI u = queue.get(q);
      if (Duration.between(started, clock.instant()).compareTo(options.patrolDeadline()) > 0) {
        LOG.warn("patrol deadline reached after {} pages; the rest waits for the next patrol", fetched.size());
        failed++;
        break;
      }
      Chain c = fetcher.follow(u, As.PATROL, null);
      if (c.offsite() != null) {
        found.add(u, Observation.of("web.redirect-offsite", Severity.CRITICAL, Sites.host(c.offsite()),
            String.join("\n", c.describe())).with("to", c.offsite().toString()).with("how", "server redirect")
            .with("host", Sites.host(c.offsite())));
        continue;
      }
      Response r = c.last();
      if (r.error() != null || r.status() >= 500) {
        failed++;
        continue;
      }
      if (!r.ok() || !isHtml(r)) {
        continue;
      }
      PageFacts page = analyzer.analyze(r.body(), r.uri(), false);
      pages.add(page);
      fetched.add(u.toString());
      // skimmers sit on form pages, which are often one step further in (an entry form under the recruit page): spend
      // the pages left on form-like links of the pages linked from home
      for (URI next : q < chosen.size() ? page.pageLinks() : List.<URI>of()) {
        if (queue.size() >= max || formPages >= FORM_PAGES_DEEPER) {
          break;
        }
        if (PRIORITY.matcher(next.getPath() == null ? "" : next.getPath()).find() && visited.add(next)) {
          queue.add(next);
          formPages++;
        }
      }
    }
    List<String> keep = new ArrayList<>(fetched);
    keep.addAll(state.list("pages"));
    state.putList("pages", keep, 100);
    return failed;
  }

  /**
   * Same-site script files: injected code is often appended to the theme's or CMS's own JavaScript. Returns the
   * pages plus, for each page whose files load scripts from elsewhere, a summary holding those loads, so that
   * their origins are compared with the baseline like the page's own.
   */
  private List<PageFacts> scriptFiles(Fetcher fetcher, List<PageFacts> pages, IocList iocs, Findings found) {
    Map<URI, URI> files = new LinkedHashMap<>();
    for (PageFacts p : pages) {
      for (Resource r : p.resources()) {
        if (r.kind() == Kind.SCRIPT && Sites.sameSite(p.uri(), r.url()) && files.size() < MAX_SCRIPT_FILES) {
          files.putIfAbsent(r.url(), p.uri());
        }
      }
    }
    ScriptScanner scanner = new ScriptScanner(rules);
    Map<URI, List<Resource>> loads = new LinkedHashMap<>();
    for (Map.Entry<URI, URI> f : files.entrySet()) {
      String js = siteFile(fetcher, f.getKey(), f.getValue(), MAX_SCRIPT_BYTES);
      if (js == null) {
        continue;
      }
      ScriptScanner.Result scanned = scanner.scan(js, f.getValue(), true);
      for (Observation o : scanned.observations()) {
        found.add(f.getValue(), o.with("file", f.getKey().toString()));
      }
      for (URI l : scanned.loads()) {
        loads.computeIfAbsent(f.getValue(), k -> new ArrayList<>()).add(new Resource(Kind.SCRIPT, l,
            "loaded by " + f.getKey(), false, false));
      }
      for (URI b : scanned.sentTo()) {
        if (!scanned.loads().contains(b)) {
          loads.computeIfAbsent(f.getValue(), k -> new ArrayList<>()).add(new Resource(Kind.BEACON, b,
              "data sent by " + f.getKey(), false, false));
        }
      }
      for (URI a : scanned.formActions()) {
        loads.computeIfAbsent(f.getValue(), k -> new ArrayList<>()).add(new Resource(Kind.FORM, a,
            "form action set by " + f.getKey(), false, false));
      }
      iocHostsInFile(iocs, scanned.hostsMentioned(), f.getKey(), f.getValue(), found);
      String hash = PageAnalyzer.sha256(js.strip());
      if (iocs.scriptSha256().contains(hash)) {
        found.add(f.getValue(), Observation.of("web.ioc-domain", Severity.HIGH, "sha256:" + hash, f.getKey().toString())
            .with("host", "script " + f.getKey().getPath()).with("iocListVersion", iocs.version()));
      }
    }
    List<PageFacts> out = new ArrayList<>(pages);
    loads.forEach((page, list) -> out.add(PageFacts.loadsOf(page, list)));
    return out;
  }

  /** A same-site script or stylesheet file as text; null when it is not there or is a page (an error page, a login). */
  private static String siteFile(Fetcher fetcher, URI file, URI page, int maxBytes) {
    Response r = fetcher.get(file, As.PATROL, page.toString(), maxBytes);
    String type = r.header("content-type") == null ? "" : r.header("content-type").toLowerCase(Locale.ROOT);
    return !r.ok() || type.contains("html") ? null : Bodies.text(r.body());
  }

  private static void iocHostsInFile(IocList iocs, Collection<String> hosts, URI file, URI page, Findings found) {
    for (String h : hosts) {
      if (iocs.matchesDomain(h)) {
        found.add(page, Observation.of("web.ioc-domain", Severity.HIGH, h, file.toString()).with("host", h)
            .with("file", file.toString()).with("iocListVersion", iocs.version()));
      }
    }
  }

  /**
   * Same-site stylesheet files (at most {@link StyleFiles#MAX_FILES}): what they {@code @import} from other sites is
   * compared with the baseline like the pages' own stylesheets, and the hosts they name are matched with the IoC list.
   */
  private List<PageFacts> styleFiles(Fetcher fetcher, List<PageFacts> pages, IocList iocs, Findings found) {
    List<PageFacts> out = new ArrayList<>(pages);
    for (Map.Entry<URI, URI> f : StyleFiles.choose(pages).entrySet()) {
      String css = siteFile(fetcher, f.getKey(), f.getValue(), StyleFiles.MAX_BYTES);
      if (css == null) {
        continue;
      }
      StyleFiles.Read read = StyleFiles.read(css, f.getKey());
      iocHostsInFile(iocs, read.hosts(), f.getKey(), f.getValue(), found);
      if (!read.imports().isEmpty()) {
        out.add(PageFacts.loadsOf(f.getValue(), read.imports().stream().map(u -> new Resource(Kind.STYLESHEET, u,
            "@import in " + f.getKey(), false, false)).toList()));
      }
    }
    return out;
  }

  /**
   * Origins (hosts) of scripts, frames, stylesheets, form actions and beacons against the baseline. On the
   * learning run an unknown origin of any kind is already worth a look (medium): it may have been injected before the
   * first patrol (a stylesheet from a look-alike host, a beacon sending visitors' data away). Afterwards it stays
   * listed as inventory (info, same fingerprint) and anything new is raised.
   */
  private void origins(PatrolState state, List<PageFacts> pages, Findings found) {
    boolean baseline = state.hasBaseline();
    // a baseline learned before the patrol read as much learns what it now sees once, silently: the clean site's
    // stylesheet imports and library endpoints are not news
    boolean upgrade = baseline && state.json().getInteger("originKeys", 1) < ORIGIN_KEYS;
    state.json().put("originKeys", ORIGIN_KEYS);
    Map<Kind, Map<String, Resource>> seen = new LinkedHashMap<>();
    Map<String, URI> firstPage = new LinkedHashMap<>();
    for (PageFacts p : pages) {
      for (Resource r : p.resources()) {
        // a user's files on a public CDN (jsDelivr's /gh/<user>/) are that user's origin, not the CDN's
        String h = OriginRules.userContentOrigin(r.url()).orElse(Sites.host(r.url()));
        if (Sites.sameSite(p.uri(), r.url()) || rules.isKnownPlatform(h)) {
          continue;
        }
        if (seen.computeIfAbsent(r.kind(), k -> new LinkedHashMap<>()).putIfAbsent(h, r) == null) {
          firstPage.put(r.kind() + h, p.uri());
        }
      }
    }
    for (Map.Entry<Kind, Map<String, Resource>> e : seen.entrySet()) {
      String kind = e.getKey().name();
      Set<String> known = state.origins(kind);
      for (Map.Entry<String, Resource> o : e.getValue().entrySet()) {
        Resource r = o.getValue();
        URI page = firstPage.get(e.getKey() + o.getKey());
        String h = o.getKey();
        if (upgrade && !known.contains(h)) {
          state.learnOrigins(kind, List.of(h));
          known = state.origins(kind);
        }
        if (!baseline || known.contains(h)) {
          found.add(page, Observation.of("web.third-party", baseline ? Severity.INFO : Severity.MEDIUM, h, r.snippet())
              .with("host", h).with("origin", Sites.origin(r.url())).with("kind", kind.toLowerCase(Locale.ROOT)));
          continue;
        }
        String check = switch (e.getKey()) {
          case SCRIPT -> "web.new-script-origin";
          case IFRAME -> "web.new-iframe-origin";
          case STYLESHEET -> "web.new-stylesheet-origin";
          case FORM -> "web.form-offsite";
          case BEACON -> "web.new-beacon-origin";
        };
        Severity sev = switch (e.getKey()) {
          case SCRIPT, IFRAME, FORM -> Severity.HIGH;
          case STYLESHEET, BEACON -> Severity.MEDIUM;
        };
        if (e.getKey() == Kind.FORM && found.has("web.form-offsite")) {
          continue;
        }
        found.add(page, Observation.of(check, sev, h, r.snippet()).with("host", h).with("origin", Sites.origin(r.url())));
      }
      if (!baseline) {
        state.learnOrigins(kind, e.getValue().keySet());
      }
    }
  }

  /**
   * A second Google Tag Manager container next to the site's own (Magecart publishes its skimmer as a container of its
   * own: the host is mainstream, only the ID is new). A container that replaces the old one, or the site's first, is
   * the owner's (a new agency, GTM added) and learned.
   */
  private void tagContainers(PatrolState state, List<PageFacts> pages, Findings found) {
    Set<String> now = new LinkedHashSet<>();
    Map<String, URI> where = new LinkedHashMap<>();
    for (PageFacts p : pages) {
      for (String id : p.tagContainers()) {
        now.add(id);
        where.putIfAbsent(id, p.uri());
      }
    }
    Set<String> known = new LinkedHashSet<>(state.list("tagContainers"));
    boolean oldStays = now.stream().anyMatch(known::contains);
    Set<String> added = new LinkedHashSet<>(now);
    added.removeAll(known);
    if (state.hasBaseline() && oldStays && !added.isEmpty()) {
      for (String id : added) {
        String h = "googletagmanager.com " + id;
        found.add(where.get(id), Observation.of("web.new-script-origin", Severity.MEDIUM, h, id).with("host", h)
            .with("how", "a second Google Tag Manager container next to " + String.join(", ", known)));
      }
      return;
    }
    known.addAll(now);
    state.putList("tagContainers", known, 20);
  }

  private void ioc(IocList iocs, List<PageFacts> pages, Findings found) {
    if (iocs.domains().isEmpty() && iocs.scriptSha256().isEmpty()) {
      return;
    }
    for (PageFacts p : pages) {
      Set<String> hosts = new LinkedHashSet<>(p.hostsMentioned());
      hosts.addAll(p.offsiteLinkHosts());
      for (String h : hosts) {
        if (iocs.matchesDomain(h)) {
          found.add(p.uri(), Observation.of("web.ioc-domain", Severity.HIGH, h, h).with("host", h)
              .with("iocListVersion", iocs.version()));
        }
      }
      for (String hash : p.inlineScriptHashes()) {
        if (iocs.scriptSha256().contains(hash)) {
          found.add(p.uri(), Observation.of("web.ioc-domain", Severity.HIGH, "sha256:" + hash, hash)
              .with("host", "script sha256 " + hash.substring(0, 12)).with("iocListVersion", iocs.version()));
        }
      }
    }
  }

  /**
   * A link farm: a page the patrol knew suddenly links to many more other sites. A page added since (a links page,
   * a partner list) is the owner's edit unless its words say otherwise, which the spam checks read.
   */
  private void outboundLinks(PatrolState state, List<PageFacts> pages, Set<String> knownPages, Findings found) {
    int baselineMax = state.json().getInteger("maxOffsiteLinks", -1);
    int now = 0;
    for (PageFacts p : pages) {
      int n = p.offsiteLinkHosts().size();
      now = Math.max(now, n);
      boolean known = knownPages.contains(p.uri().toString());
      if (baselineMax >= 0 && known && n >= Math.max(baselineMax * 2, baselineMax + 15)) {
        found.add(p.uri(), Observation.of("web.seo-spam", Severity.HIGH, "outbound-links",
            String.join(", ", p.offsiteLinkHosts())).with("how", n + " links to other sites (before: " + baselineMax + ")"));
      }
    }
    if (baselineMax < 0 || !found.has("web.seo-spam")) {
      state.json().put("maxOffsiteLinks", Math.max(now, baselineMax));
    }
  }

  private void homeChanges(PatrolState state, PageFacts home, Findings found) {
    JsonObject base = state.json().getJsonObject("home");
    boolean flagged = false;
    if (base != null && state.hasBaseline()) {
      double text = Texts.similarity(home.textSketch(), PatrolState.ints(base.getJsonArray("text")));
      double structure = Texts.similarity(home.structureSketch(), PatrolState.ints(base.getJsonArray("structure")));
      if (text < 0.2 && structure < 0.3) {
        flagged = true;
        found.add(home.uri(), Observation.of("web.content-replaced", Severity.HIGH, "home", home.title())
            .with("textSimilarity", String.format(Locale.ROOT, "%.2f", text))
            .with("structureSimilarity", String.format(Locale.ROOT, "%.2f", structure))
            .with("titleBefore", base.getString("title")).with("titleNow", home.title()));
      }
      String before = base.getString("language", "unknown");
      if (before.equals("ja") && !home.textLanguage().equals("ja") && !home.textLanguage().equals("unknown")) {
        flagged = true;
        found.add(home.uri(), Observation.of("web.language-changed", Severity.HIGH, "language", home.title())
            .with("from", "日本語 (ja)").with("to", home.textLanguage()));
      }
    }
    if (!flagged && !found.has("web.defacement")) {
      state.json().put("home", new JsonObject().put("text", new JsonArray(home.textSketch()))
          .put("structure", new JsonArray(home.structureSketch())).put("language", home.textLanguage())
          .put("title", home.title()));
    }
  }

  private void cms(Fetcher fetcher, URI homeUrl, List<PageFacts> pages, Findings found) {
    PageFacts home = pages.get(0);
    String key = Hygiene.cmsKey(home.generator()).orElse(home.wordpress() ? "wordpress" : null);
    if (key == null) {
      return;
    }
    Set<String> versions = new LinkedHashSet<>();
    pages.forEach(p -> versions.addAll(p.coreVersions()));
    if (versions.isEmpty() && key.equals("wordpress")) {
      Response readme = fetcher.get(homeUrl.resolve("/readme.html"), As.PATROL, null, 64 * 1024);
      if (readme.ok()) {
        Hygiene.versionFromReadme(readme.body()).ifPresent(versions::add);
      }
      if (versions.isEmpty()) {
        Response feed = fetcher.get(homeUrl.resolve("/feed/"), As.PATROL, null, 64 * 1024);
        if (feed.ok()) {
          Hygiene.versionFromFeed(feed.body()).ifPresent(versions::add);
        }
      }
    }
    Optional<String> newest = versions.stream().max(Hygiene::compare);
    newest.flatMap(v -> Hygiene.cms(rules, key, v)).ifPresent(o -> found.add(homeUrl, o));
  }

  private void plainHttp(Fetcher fetcher, URI site, URI homeUrl, String target, Findings found) {
    if (homeUrl.getScheme().equals("http")) {
      found.add(target, Observation.of("web.plain-http", Severity.LOW, "http", homeUrl.toString()));
      return;
    }
    if (!site.getScheme().equals("https") || site.getPort() > 0) {
      return;
    }
    URI http = URI.create("http://" + site.getRawAuthority() + "/");
    Response r = fetcher.get(http, As.PATROL, null, 64 * 1024);
    if (r.error() == null && r.status() >= 200 && r.status() < 300) {
      found.add(target, Observation.of("web.plain-http", Severity.LOW, "http", http + " answers without redirecting to https"));
    }
  }

  private void dns(PatrolState state, String host, String target, Findings found) {
    if (Sites.isIpLiteral(host)) {
      return;
    }
    JsonObject known = state.json().getJsonObject("dns", new JsonObject());
    JsonObject changes = state.json().getJsonObject("dnsChanges", new JsonObject());
    Instant now = clock.instant();
    for (String type : List.of("A", "AAAA", "MX", "NS")) {
      List<String> values;
      try {
        values = resolver.records(type.equals("A") || type.equals("AAAA") ? host : Sites.registrableDomain(host), type);
      } catch (UnknownHostException e) {
        continue;
      }
      JsonArray before = known.getJsonArray(type);
      if (before != null && !values.isEmpty()) {
        Set<String> old = PatrolState.strings(before);
        List<String> fresh = values.stream().filter(v -> !old.contains(v)).toList();
        if (!fresh.isEmpty() && !changes.containsKey(type)) {
          changes.put(type, new JsonObject().put("since", now.toString()).put("values", new JsonArray(values))
              .put("before", before.copy()));
        }
      }
      Set<String> union = before == null ? new LinkedHashSet<>() : PatrolState.strings(before);
      union.addAll(values);
      // an empty answer is learned too: a record that appears later (a new AAAA) is a change
      known.put(type, new JsonArray(new ArrayList<>(union).subList(0, Math.min(union.size(), 50))));
    }
    for (String type : new ArrayList<>(changes.fieldNames())) {
      JsonObject c = changes.getJsonObject(type);
      Instant since = Instant.parse(c.getString("since"));
      if (Duration.between(since, now).compareTo(CHANGE_WINDOW) >= 0) {
        changes.remove(type);
        continue;
      }
      String values = String.join(", ", PatrolState.strings(c.getJsonArray("values")));
      found.add(target, Observation.of("web.dns-changed", Severity.MEDIUM, type, type + ": " + values)
          .with("type", type).with("values", values)
          .with("before", String.join(", ", PatrolState.strings(c.getJsonArray("before")))).with("since", since.toString()));
    }
    state.json().put("dns", known).put("dnsChanges", changes);
  }
}
