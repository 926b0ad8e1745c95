package jp.mamori.checks.lan;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** One UDP question, one answer (or none within the deadline). */
final class Udp {
  private Udp() {}

  static byte[] ask(InetAddress host, int port, byte[] question, LanContext ctx, Duration wait) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(host, port);
      ctx.pace().tick();
      s.send(new DatagramPacket(question, question.length));
      byte[] buf = new byte[8192];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      long end = System.nanoTime() + wait.toNanos();
      while (true) {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return null;
        }
        s.setSoTimeout((int) left);
        try {
          s.receive(p);
          return Arrays.copyOf(p.getData(), p.getLength());
        } catch (SocketTimeoutException e) {
          return null;
        } catch (java.net.PortUnreachableException e) {
          return null;
        }
      }
    }
  }

  /**
   * Sends one datagram to each host (paced) from a single socket, then collects answers until
   * {@code wait} has passed since the last send. First answer per host wins.
   */
  static java.util.Map<InetAddress, byte[]> sweep(java.util.List<InetAddress> hosts, int port,
      java.util.function.Function<InetAddress, byte[]> question, LanContext ctx, Duration wait) throws IOException {
    java.util.Map<InetAddress, byte[]> out = new java.util.LinkedHashMap<>();
    try (DatagramSocket s = new DatagramSocket()) {
      s.setReceiveBufferSize(256 * 1024);
      s.setSoTimeout(1);
      byte[] buf = new byte[8192];
      DatagramPacket in = new DatagramPacket(buf, buf.length);
      for (InetAddress h : hosts) {
        byte[] q = question.apply(h);
        ctx.pace().tick();
        try {
          s.send(new DatagramPacket(q, q.length, h, port));
        } catch (IOException e) {
          // unreachable address: no answer
        }
      }
      long end = System.nanoTime() + wait.toNanos();
      java.util.Set<InetAddress> wanted = new java.util.HashSet<>(hosts);
      while (out.size() < wanted.size()) {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        s.setSoTimeout((int) left);
        try {
          s.receive(in);
        } catch (SocketTimeoutException e) {
          break;
        } catch (java.net.PortUnreachableException e) {
          continue;
        }
        InetAddress from = in.getAddress();
        if (wanted.contains(from) && !out.containsKey(from)) {
          out.put(from, Arrays.copyOf(in.getData(), in.getLength()));
        }
      }
    }
    return out;
  }
}
