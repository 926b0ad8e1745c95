package jp.mamori.checks.lan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-process TCP device on 127.0.0.1, port 0: the scanner is pointed at exactly this host:port. */
final class FakeServer implements AutoCloseable {
  interface Handler {
    void handle(InputStream in, OutputStream out, Socket s) throws Exception;
  }

  private final ServerSocket server;
  private final Thread acceptor;
  final AtomicInteger connections = new AtomicInteger();

  FakeServer(Handler handler) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          connections.incrementAndGet();
          Thread t = new Thread(() -> {
            try (s) {
              handler.handle(s.getInputStream(), s.getOutputStream(), s);
            } catch (Exception ignored) {
              // the scanner hung up
            }
          }, "fake-device-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "fake-device");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  Target target() {
    return new Target(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  String text() {
    return target().text();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      sb.append((char) c);
      if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return sb.toString();
  }

  static byte[] readBody(InputStream in, String head) throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
    if (!m.find()) {
      return new byte[0];
    }
    return in.readNBytes(Integer.parseInt(m.group(1)));
  }

  static void http(OutputStream out, int status, String headers, String body) throws IOException {
    byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + status + " X\r\n" + headers + "Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.write(b);
    out.flush();
  }
}
