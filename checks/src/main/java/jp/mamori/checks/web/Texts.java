package jp.mamori.checks.web;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text arithmetic for comparing pages: normalised shingles, bottom-k sketches, language, spam vocabulary. */
public final class Texts {
  static final int SKETCH = 128;
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private Texts() {}

  /** NFKC, lower case, digits folded (prices, years, dates, nonces do not count as change), spaces collapsed. */
  public static String normalise(String text) {
    String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    n = DIGITS.matcher(n).replaceAll("0");
    return SPACE.matcher(n).replaceAll(" ").strip();
  }

  /** Hashes of overlapping 4-character windows (works for Japanese without word splitting). */
  public static Set<Integer> shingles(String normalised, int max) {
    Set<Integer> out = new HashSet<>();
    for (int i = 0; i + 4 <= normalised.length() && out.size() < max; i++) {
      out.add(mix(normalised.substring(i, i + 4).hashCode()));
    }
    return out;
  }

  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** The k smallest hashes: a fixed-size summary whose overlap estimates Jaccard similarity. */
  public static List<Integer> sketch(Set<Integer> hashes) {
    TreeSet<Integer> sorted = new TreeSet<>(hashes);
    List<Integer> out = new ArrayList<>(SKETCH);
    for (Integer h : sorted) {
      if (out.size() >= SKETCH) {
        break;
      }
      out.add(h);
    }
    return out;
  }

  /** Estimated Jaccard similarity of two bottom-k sketches; 1 when both are empty. */
  public static double similarity(List<Integer> a, List<Integer> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    TreeSet<Integer> union = new TreeSet<>(a);
    union.addAll(b);
    Set<Integer> sa = new HashSet<>(a);
    Set<Integer> sb = new HashSet<>(b);
    int k = Math.min(SKETCH, union.size());
    int both = 0;
    int seen = 0;
    for (Integer h : union) {
      if (seen++ >= k) {
        break;
      }
      if (sa.contains(h) && sb.contains(h)) {
        both++;
      }
    }
    return (double) both / k;
  }

  /** "ja" when kana or kanji make up a fair share of the letters, "latin" when Latin letters dominate. */
  public static String language(String text) {
    int japanese = 0;
    int kana = 0;
    int latin = 0;
    int other = 0;
    int n = Math.min(text.length(), 50_000);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      Character.UnicodeBlock b = Character.UnicodeBlock.of(c);
      if (b == Character.UnicodeBlock.HIRAGANA || b == Character.UnicodeBlock.KATAKANA) {
        japanese++;
        kana++;
      } else if (b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS) {
        japanese++;
      } else if (c < 0x250 && Character.isLetter(c)) {
        latin++;
      } else if (Character.isLetter(c)) {
        other++;
      }
    }
    int letters = japanese + latin + other;
    if (letters < 40) {
      return "unknown";
    }
    // Japanese text carries many Latin product names; a fifth of kana/kanji is already Japanese
    if (japanese >= letters * 0.2) {
      // Chinese has no kana; Japanese prose, even kanji-heavy, has plenty
      return kana >= japanese * 0.05 ? "ja" : "zh";
    }
    return latin >= other ? "latin" : "other";
  }

  /** Folds leetspeak so "h4ck3d" reads "hacked". */
  public static String unleet(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(switch (c) {
        case '4', '@' -> 'a';
        case '3' -> 'e';
        case '1', '!' -> 'i';
        case '0' -> 'o';
        case '5', '$' -> 's';
        case '7' -> 't';
        default -> c;
      });
    }
    return sb.toString();
  }

  /** Spam terms present in the text with their weights (each term counted once). */
  public static Map<String, Integer> spamTerms(String text, Map<String, Integer> vocabulary) {
    String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    Map<String, Integer> hits = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : vocabulary.entrySet()) {
      String term = e.getKey();
      boolean ascii = term.chars().allMatch(c -> c < 0x80);
      boolean found;
      if (ascii) {
        found = lower.contains(term) && wordPattern(term).matcher(lower).find();
      } else {
        found = lower.contains(term) || (term.contains(" ") && lower.contains(term.replace(" ", "")));
      }
      if (found) {
        hits.put(term, e.getValue());
      }
    }
    return hits;
  }

  private static final Map<String, Pattern> WORDS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Pattern wordPattern(String term) {
    return WORDS.computeIfAbsent(term, t -> Pattern.compile("(?<![a-z0-9])" + Pattern.quote(t) + "(?![a-z0-9])"));
  }

  public static int score(Map<String, Integer> hits) {
    return hits.values().stream().mapToInt(Integer::intValue).sum();
  }

  public static long strong(Map<String, Integer> hits) {
    return hits.values().stream().filter(w -> w >= 3).count();
  }

  private static final Map<Pattern, String> HINTS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The word a phrase pattern starts with ("hacked" for {@code \bhacked\s+by}), or "" when it starts with a group:
   * a cheap contains() check that spares running every pattern over every page (a leading \b costs a Unicode
   * lookup per character).
   */
  static String hint(Pattern p) {
    return HINTS.computeIfAbsent(p, k -> {
      String s = k.pattern();
      int i = s.startsWith("\\b") ? 2 : 0;
      int j = i;
      while (j < s.length() && Character.isLetter(s.charAt(j))) {
        j++;
      }
      boolean optional = j < s.length() && "?*{".indexOf(s.charAt(j)) >= 0;
      int depth = 0;
      for (int k2 = 0; k2 < s.length(); k2++) {
        char c = s.charAt(k2);
        if (c == '\\') {
          k2++;
        } else if (c == '(' || c == '[') {
          depth++;
        } else if (c == ')' || c == ']') {
          depth--;
        } else if (c == '|' && depth == 0) {
          return "";
        }
      }
      return j - i >= 3 && !optional ? s.substring(i, j).toLowerCase(Locale.ROOT) : "";
    });
  }

  /** The first defacement phrase found in the text (leetspeak folded), or null. */
  public static String defacementPhrase(String text, List<Pattern> phrases) {
    String folded = unleet(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
    for (Pattern p : phrases) {
      String hint = hint(p);
      if (!hint.isEmpty() && !folded.contains(hint)) {
        continue;
      }
      Matcher m = p.matcher(folded.length() > 200_000 ? folded.substring(0, 200_000) : folded);
      if (m.find()) {
        int from = Math.max(0, m.start() - 40);
        return folded.substring(from, Math.min(folded.length(), m.end() + 60)).strip();
      }
    }
    return null;
  }
}
