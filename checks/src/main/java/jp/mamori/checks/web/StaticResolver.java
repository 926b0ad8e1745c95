package jp.mamori.checks.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fixed answers for some names (like curl's {@code --resolve}), the rest from a fallback resolver or nowhere.
 * Used by {@code check-site --resolve} and by tests, which must never query real DNS.
 */
public final class StaticResolver implements SiteResolver {
  private final Map<String, List<InetAddress>> addresses = new HashMap<>();
  private final Map<String, List<String>> records = new HashMap<>();
  private final SiteResolver fallback;

  public StaticResolver(SiteResolver fallback) {
    this.fallback = fallback;
  }

  /** Maps host to addresses (IP literals only). */
  public synchronized StaticResolver map(String host, String... ips) {
    List<InetAddress> list = new ArrayList<>();
    for (String ip : ips) {
      InetAddress a = Sites.literal(ip);
      if (a == null) {
        throw new IllegalArgumentException("not an IP address: " + ip);
      }
      list.add(a);
    }
    addresses.put(host.toLowerCase(Locale.ROOT), list);
    return this;
  }

  /** Sets the values of one record type (MX, NS, ...) for host. */
  public synchronized StaticResolver record(String host, String type, String... values) {
    records.put(host.toLowerCase(Locale.ROOT) + " " + type, List.of(values));
    return this;
  }

  @Override
  public synchronized List<InetAddress> addresses(String host) throws UnknownHostException {
    InetAddress literal = Sites.literal(host);
    if (literal != null) {
      return List.of(literal);
    }
    List<InetAddress> a = addresses.get(host.toLowerCase(Locale.ROOT));
    if (a != null) {
      return a;
    }
    if (fallback != null) {
      return fallback.addresses(host);
    }
    throw new UnknownHostException(host + ": no such host");
  }

  @Override
  public synchronized List<String> records(String host, String type) throws UnknownHostException {
    String h = host.toLowerCase(Locale.ROOT);
    List<String> fixed = records.get(h + " " + type);
    if (fixed != null) {
      return fixed.stream().sorted().toList();
    }
    if (addresses.containsKey(h)) {
      if (type.equals("A") || type.equals("AAAA")) {
        boolean v4 = type.equals("A");
        return addresses.get(h).stream().filter(a -> (a instanceof Inet4Address) == v4).map(InetAddress::getHostAddress)
            .sorted().toList();
      }
      return List.of();
    }
    return fallback == null ? List.of() : fallback.records(host, type);
  }

  /** Parses {@code host=ip[,ip]} as given to {@code --resolve}. */
  public static StaticResolver parse(List<String> specs, SiteResolver fallback) {
    StaticResolver r = new StaticResolver(fallback);
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new IllegalArgumentException("--resolve expects host=ip[,ip], got '" + spec + "'");
      }
      r.map(spec.substring(0, eq).strip(), spec.substring(eq + 1).strip().split(","));
    }
    return r;
  }

}
