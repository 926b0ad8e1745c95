package jp.mamori.console.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Japanese first: every page renders in ja unless the user chose en. */
public final class I18n {
  public static final String DEFAULT = "ja";
  private static final String BUNDLE = "jp.mamori.console.i18n.messages";

  private I18n() {}

  public static String lang(String requested) {
    return "en".equals(requested) ? "en" : DEFAULT;
  }

  public static String t(String lang, String key, Object... args) {
    String pattern;
    try {
      pattern = ResourceBundle.getBundle(BUNDLE, "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE).format(args);
  }
}
