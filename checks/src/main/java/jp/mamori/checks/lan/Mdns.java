package jp.mamori.checks.lan;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * mDNS names (printers, NAS, Macs announce themselves) through jmdns, on the box's own interface inside
 * the scope only; never on loopback scopes (labs) and never on another network.
 */
public final class Mdns {
  private Mdns() {}

  static final List<String> TYPES = List.of("_http._tcp.local.", "_ipp._tcp.local.", "_printer._tcp.local.",
      "_pdl-datastream._tcp.local.", "_smb._tcp.local.", "_afpovertcp._tcp.local.", "_device-info._tcp.local.",
      "_workstation._tcp.local.", "_rtsp._tcp.local.");

  public static void browse(Scope scope, LanContext ctx, long waitMillis) {
    Optional<InetAddress> own = ownAddress(scope);
    if (own.isEmpty()) {
      return;
    }
    try (JmDNS jmdns = JmDNS.create(own.get(), "mamori-check")) {
      long per = Math.max(200, waitMillis / TYPES.size());
      for (String type : TYPES) {
        for (ServiceInfo info : jmdns.list(type, per)) {
          for (InetAddress a : info.getInetAddresses()) {
            if (scope.contains(a)) {
              Inventory.Device d = ctx.inventory().device(a.getHostAddress());
              d.name("mdns", info.getServer() == null ? info.getName() : info.getServer().replaceAll("\\.$", ""));
              d.note("mdns " + type.replace(".local.", "") + " " + HttpCheck.clip(info.getName(), 60));
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      ctx.error("mdns: " + e.getMessage());
    }
  }

  static Optional<InetAddress> ownAddress(Scope scope) {
    if (scope.isLoopback()) {
      return Optional.empty();
    }
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (scope.contains(a) && (a instanceof Inet4Address || !a.isLinkLocalAddress())) {
            return Optional.of(a);
          }
        }
      }
    } catch (SocketException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
