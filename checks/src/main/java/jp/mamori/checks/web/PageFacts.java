package jp.mamori.checks.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the patrol keeps of one fetched page once its document is dropped: resources by kind, links, the
 * signature observations, and small summaries for comparing with the baseline.
 */
public record PageFacts(
    URI uri,
    String title,
    String textLanguage,
    int textLength,
    List<Resource> resources,
    List<Observation> observations,
    List<URI> pageLinks,
    Set<String> offsiteLinkHosts,
    Set<String> hostsMentioned,
    String generator,
    Set<String> coreVersions,
    boolean wordpress,
    URI metaRefresh,
    List<Integer> textSketch,
    List<Integer> structureSketch,
    Set<Integer> shingles,
    Map<String, Integer> spamTerms,
    Set<String> inlineScriptHashes,
    boolean blockedPage,
    /** Other sites the page names as its canonical, language or AMP version. */
    Set<String> declaredHosts,
    /** Google Tag Manager containers the page loads (GTM-…): each runs whatever code its owner publishes. */
    Set<String> tagContainers) {

  /** A summary holding only what a page loads through its files (scripts, stylesheets), for the origin comparison. */
  static PageFacts loadsOf(URI page, List<Resource> resources) {
    return new PageFacts(page, "", "unknown", 0, resources, List.of(), List.of(), Set.of(), Set.of(), null, Set.of(), false,
        null, List.of(), List.of(), Set.of(), Map.of(), Set.of(), false, Set.of(), Set.of());
  }

  /** What a page loads or sends data to. */
  public enum Kind { SCRIPT, IFRAME, STYLESHEET, FORM, BEACON }

  public record Resource(Kind kind, URI url, String snippet, boolean hidden, boolean sensitive) {}
}
