package jp.mamori.checks.lan;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of addresses the owner allowed us to check: private (RFC 1918), unique-local (fc00::/7), or
 * loopback when explicitly allowed (labs). Never larger than 1024 addresses (/22 for IPv4).
 */
public record Scope(InetAddress network, int prefix) {
  public static final int MAX_ADDRESSES = 1024;

  public static Scope parse(String cidr, boolean allowLoopback) {
    if (cidr == null || cidr.isBlank()) {
      throw new IllegalArgumentException("scope is empty; give a range like 192.168.1.0/24");
    }
    String text = cidr.strip();
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    InetAddress ip;
    if (!addr.matches("[0-9.]+") && !addr.matches("[0-9a-fA-F:]+")) {
      throw new IllegalArgumentException("scope '" + text + "' is not an IP range like 192.168.1.0/24 (host names are not accepted)");
    }
    try {
      ip = InetAddress.getByName(addr);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("scope '" + text + "' is not an IP range like 192.168.1.0/24");
    }
    int bits = ip instanceof Inet4Address ? 32 : 128;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scope '" + text + "' has no valid prefix length after '/'");
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("scope '" + text + "' has prefix /" + prefix + " outside 0-" + bits);
    }
    if (bits - prefix > 10) {
      throw new IllegalArgumentException("scope '" + text + "' is larger than /" + (bits - 10)
          + " (" + MAX_ADDRESSES + " addresses); split it or ask the owner for a smaller range");
    }
    InetAddress net = mask(ip, prefix);
    Scope scope = new Scope(net, prefix);
    InetAddress last = scope.last();
    boolean loopback = net.isLoopbackAddress() && last.isLoopbackAddress();
    if (loopback && !allowLoopback) {
      throw new IllegalArgumentException("scope '" + text + "' is loopback; only the CLI accepts loopback (labs)");
    }
    if (!loopback && !(isPrivate(net) && isPrivate(last))) {
      throw new IllegalArgumentException("scope '" + text + "' is not a private range (RFC 1918 10/8, 172.16/12, 192.168/16 or"
          + " IPv6 unique-local fc00::/7)" + (allowLoopback ? " nor loopback" : "") + "; public addresses are never scanned");
    }
    return scope;
  }

  public static boolean isPrivate(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int o0 = b[0] & 0xff;
      int o1 = b[1] & 0xff;
      return o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168);
    }
    return a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
  }

  public boolean isLoopback() {
    return network.isLoopbackAddress();
  }

  public int size() {
    int bits = network instanceof Inet4Address ? 32 : 128;
    return 1 << (bits - prefix);
  }

  public boolean contains(InetAddress a) {
    return a.getClass() == network.getClass() && mask(a, prefix).equals(network);
  }

  /** Addresses to probe: for IPv4 ranges bigger than /31, without the network and broadcast addresses. */
  public List<InetAddress> hosts() {
    List<InetAddress> out = new ArrayList<>();
    BigInteger base = new BigInteger(1, network.getAddress());
    int n = size();
    boolean v4 = network instanceof Inet4Address;
    for (int i = 0; i < n; i++) {
      if (v4 && n > 2 && (i == 0 || i == n - 1)) {
        continue;
      }
      out.add(at(base.add(BigInteger.valueOf(i))));
    }
    return out;
  }

  private InetAddress last() {
    return at(new BigInteger(1, network.getAddress()).add(BigInteger.valueOf(size() - 1L)));
  }

  private InetAddress at(BigInteger value) {
    int len = network.getAddress().length;
    byte[] raw = value.toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
    try {
      return InetAddress.getByAddress(out);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InetAddress mask(InetAddress ip, int prefix) {
    byte[] b = ip.getAddress();
    for (int i = 0; i < b.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      b[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }
}
