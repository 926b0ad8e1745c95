package jp.mamori.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Japanese first: every page renders in ja unless the user chose en. Bundles are per feature (i18n/bundles.txt). */
public final class I18n {
  public static final String DEFAULT = "ja";
  private static final String BASE = "jp.mamori.console.i18n.";
  private static final List<String> BUNDLES = bundles();
  private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private I18n() {}

  public static String lang(String requested) {
    return "en".equals(requested) ? "en" : DEFAULT;
  }

  public static String t(String lang, String key, Object... args) {
    Locale locale = "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE;
    for (String bundle : BUNDLES) {
      try {
        String pattern = ResourceBundle.getBundle(BASE + bundle, locale, NO_FALLBACK).getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
      } catch (MissingResourceException e) {
        // next bundle
      }
    }
    return key;
  }

  /** Every key of every bundle in both languages, for completeness checks. */
  public static List<String> bundleNames() {
    return BUNDLES;
  }

  private static List<String> bundles() {
    try (InputStream in = I18n.class.getResourceAsStream("/jp/mamori/console/i18n/bundles.txt")) {
      if (in == null) {
        throw new IllegalStateException("missing i18n/bundles.txt");
      }
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.strip().startsWith("#")) {
          out.add(line.strip());
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read i18n/bundles.txt", e);
    }
  }
}
