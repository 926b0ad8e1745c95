package jp.mamori.agent.lan;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.mamori.checks.lan.Scope;

/**
 * The LAN range the box proposes to the owner: the network of its own office interface, narrowed to the
 * /22 (IPv6: the 1,024 addresses) around the box when the network is larger. Only RFC 1918 and unique-local
 * addresses qualify; a box with none proposes nothing. Nothing is scanned until the owner accepts.
 */
public final class ScopeProposal {
  /** Interfaces that are never the office LAN: containers, VMs, VPNs. */
  static final List<String> NOT_THE_LAN = List.of("docker", "veth", "virbr", "br-", "tun", "tap", "wg", "tailscale", "zt", "vpn");

  /** One address of one interface of the box. */
  public record Address(String iface, InetAddress address, int prefix, boolean defaultRoute) {}

  /** What the page shows: the range, the box's own address in it and the interface. */
  public record Proposal(Scope scope, InetAddress boxAddress, String iface) {}

  private ScopeProposal() {}

  public static Optional<Proposal> propose(List<Address> addresses) {
    return addresses.stream()
        .filter(a -> Scope.isPrivate(a.address()) && !a.address().isLoopbackAddress() && !a.address().isLinkLocalAddress())
        .filter(a -> a.prefix() >= 0 && a.prefix() <= (a.address() instanceof Inet4Address ? 30 : 126))
        .filter(a -> NOT_THE_LAN.stream().noneMatch(n -> a.iface().startsWith(n)))
        .sorted(Comparator.comparing((Address a) -> !(a.address() instanceof Inet4Address)).thenComparing(a -> !a.defaultRoute()))
        .findFirst()
        .map(a -> new Proposal(around(a.address(), a.prefix()), a.address(), a.iface()));
  }

  /** The interface's network, or the largest allowed range around the box inside it. */
  static Scope around(InetAddress box, int prefix) {
    int bits = box instanceof Inet4Address ? 32 : 128;
    int narrowest = bits - Integer.numberOfTrailingZeros(Scope.MAX_ADDRESSES);
    return Scope.parse(box.getHostAddress().replaceFirst("%.*$", "") + "/" + Math.max(prefix, narrowest), false);
  }

  /**
   * An operator's explicit proposal ({@code local.scope-proposal}): any range the CLI would accept, loopback
   * included for labs and tests; the daemon's LAN jobs still refuse loopback and public ranges.
   */
  public static Proposal explicit(String cidr) {
    Scope scope = Scope.parse(cidr, true);
    return new Proposal(scope, scope.network(), "config");
  }

  /** The box's own addresses, up interfaces only, with the interface of the default route marked. */
  public static List<Address> system() {
    Set<String> routed = defaultRouteInterfaces();
    List<Address> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback()) {
          continue;
        }
        for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
          out.add(new Address(nif.getName(), ia.getAddress(), ia.getNetworkPrefixLength(), routed.contains(nif.getName())));
        }
      }
    } catch (SocketException e) {
      return List.of();
    }
    return out;
  }

  /** Interfaces that carry a default route, from the kernel's tables (no netlink: the unit forbids it). */
  static Set<String> defaultRouteInterfaces() {
    Set<String> out = new HashSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/net/route"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 7 && f[1].equals("00000000") && f[7].equals("00000000")) {
          out.add(f[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no IPv4 routes readable
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/net/ipv6_route"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[0].matches("0{32}") && f[1].equals("00")) {
          out.add(f[9]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no IPv6 routes readable
    }
    return out;
  }
}
