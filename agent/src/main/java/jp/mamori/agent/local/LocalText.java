package jp.mamori.agent.local;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The local pages' words, Japanese by default, English on request ({@code local_ja/en.properties}). */
public final class LocalText {
  static final String BUNDLE = "jp.mamori.agent.local.local";
  private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private LocalText() {}

  public static String lang(String requested) {
    return "en".equals(requested) ? "en" : "ja";
  }

  static ResourceBundle bundle(String lang) {
    return ResourceBundle.getBundle(BUNDLE, "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE, NO_FALLBACK);
  }

  public static String t(String lang, String key, Object... args) {
    try {
      String pattern = bundle(lang).getString(key);
      if (args.length == 0) {
        return pattern;
      }
      Object[] text = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        text[i] = String.valueOf(args[i]); // no digit grouping in ticket numbers
      }
      return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(text);
    } catch (MissingResourceException e) {
      throw new IllegalArgumentException("no local page text '" + key + "' in " + lang, e);
    }
  }
}
