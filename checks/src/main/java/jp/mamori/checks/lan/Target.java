package jp.mamori.checks.lan;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** One host:port to probe. Hosts are IP literals: the scanner never resolves names. */
public record Target(InetAddress host, int port) {

  public String hostText() {
    return host.getHostAddress();
  }

  /** {@code host:port}, IPv6 in brackets: the finding target. */
  public String text() {
    return (host.getAddress().length == 16 ? "[" + hostText() + "]" : hostText()) + ":" + port;
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return text();
  }

  /** Parses "127.0.0.5:21,127.0.0.6:8080" (IPv6 as [::1]:80); names are refused. */
  public static List<Target> parseList(String list) {
    LinkedHashSet<Target> out = new LinkedHashSet<>();
    for (String raw : list.split(",")) {
      String item = raw.strip();
      if (item.isEmpty()) {
        continue;
      }
      out.add(parse(item));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no targets given; use host:port[,host:port...]");
    }
    return new ArrayList<>(out);
  }

  public static Target parse(String item) {
    String host;
    String port;
    if (item.startsWith("[")) {
      int close = item.indexOf("]:");
      if (close < 0) {
        throw new IllegalArgumentException("target '" + item + "' must look like [v6-address]:port");
      }
      host = item.substring(1, close);
      port = item.substring(close + 2);
    } else {
      int colon = item.lastIndexOf(':');
      if (colon < 0 || item.indexOf(':') != colon) {
        throw new IllegalArgumentException("target '" + item + "' must look like host:port");
      }
      host = item.substring(0, colon);
      port = item.substring(colon + 1);
    }
    if (!host.matches("[0-9.]+") && !host.matches("[0-9a-fA-F:]+")) {
      throw new IllegalArgumentException("target '" + item + "' must use an IP address, not a name");
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("target '" + item + "' has no valid port");
    }
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("target '" + item + "' has port " + p + " outside 1-65535");
    }
    try {
      return new Target(InetAddress.getByName(host), p);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("target '" + item + "' has an invalid address");
    }
  }
}
