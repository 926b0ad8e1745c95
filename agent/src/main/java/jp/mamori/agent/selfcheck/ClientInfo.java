package jp.mamori.agent.selfcheck;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the PC's browser tells about itself: User-Agent plus, where the browser offers them, client hints
 * (Sec-CH-UA-Platform-Version tells Windows 11 from 10, which the User-Agent cannot).
 */
public record ClientInfo(String os, String browser, Integer browserMajor, String userAgent) {

  /** @param platform client hint platform ("Windows"), may be null
   *  @param platformVersion client hint platform version ("15.0.0"), may be null */
  public static ClientInfo parse(String userAgent, String platform, String platformVersion) {
    String ua = userAgent == null ? "" : userAgent;
    String os = os(ua, unquote(platform), unquote(platformVersion));
    String browser = "不明";
    Integer major = null;
    for (String[] b : new String[][] {{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"},
        {"Version/", "Safari"}}) {
      Matcher m = Pattern.compile(Pattern.quote(b[0]) + "(\\d+)").matcher(ua);
      if (m.find() && (!b[1].equals("Safari") || ua.contains("Safari/"))) {
        browser = b[1];
        major = Integer.parseInt(m.group(1));
        break;
      }
    }
    if (ua.contains("Trident/") || ua.contains("MSIE ")) {
      browser = "Internet Explorer";
      major = 11;
    }
    return new ClientInfo(os, browser, major, ua.length() > 300 ? ua.substring(0, 300) : ua);
  }

  static String os(String ua, String platform, String platformVersion) {
    if ("Windows".equalsIgnoreCase(platform) && platformVersion != null && !platformVersion.isBlank()) {
      try {
        int major = Integer.parseInt(platformVersion.split("\\.")[0]);
        if (major >= 13) {
          return "Windows 11";
        }
        if (major >= 1) {
          return "Windows 10";
        }
      } catch (NumberFormatException ignored) {
        // fall back to the User-Agent
      }
    }
    Matcher nt = Pattern.compile("Windows NT (\\d+\\.\\d+)").matcher(ua);
    if (nt.find()) {
      return switch (nt.group(1)) {
        case "10.0" -> "Windows 10 または 11";
        case "6.3" -> "Windows 8.1";
        case "6.2" -> "Windows 8";
        case "6.1" -> "Windows 7";
        case "6.0" -> "Windows Vista";
        case "5.1", "5.2" -> "Windows XP";
        default -> "Windows";
      };
    }
    if (ua.contains("Windows")) {
      return "Windows";
    }
    if (ua.contains("iPhone") || ua.contains("iPad")) {
      return "iOS/iPadOS";
    }
    if (ua.contains("Android")) {
      return "Android";
    }
    if (ua.contains("Mac OS X")) {
      return "macOS";
    }
    if (ua.contains("CrOS")) {
      return "ChromeOS";
    }
    if (ua.contains("Linux")) {
      return "Linux";
    }
    return "不明";
  }

  private static String unquote(String s) {
    return s == null ? null : s.replace("\"", "").strip();
  }
}
