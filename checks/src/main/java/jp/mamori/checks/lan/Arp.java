package jp.mamori.checks.lan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The kernel's neighbour table ({@code /proc/net/arp}): which hosts answered ARP, and their MACs. No root needed. */
public final class Arp {
  private Arp() {}

  /** IP -> MAC for complete entries (flags 0x2). */
  public static Map<String, String> read(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 4 || !f[0].matches("[0-9.]+")) {
        continue;
      }
      int flags;
      try {
        flags = Integer.decode(f[2]);
      } catch (NumberFormatException e) {
        continue;
      }
      if ((flags & 0x2) != 0 && f[3].matches("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}") && !f[3].equals("00:00:00:00:00:00")) {
        out.put(f[0], f[3].toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }
}
