package jp.mamori.checks.lan;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One TCP connection to a device with hard limits: a connect timeout, a total deadline per read (a slow
 * device dribbling one byte a second still ends on time) and a byte cap (an endless banner ends too).
 * Hostile bytes are never interpreted beyond what the caller asks for.
 */
public final class Wire implements Closeable {
  public static final int MAX_READ = 64 * 1024;

  private final Socket socket;
  private InputStream in;
  private OutputStream out;
  private Socket active;
  private final Pace pace;
  private boolean eof;
  private boolean closed;

  private Wire(Socket socket, Pace pace) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.active = socket;
    this.pace = pace;
  }

  /** Continues this connection inside TLS (certificate not checked: devices use self-signed ones). */
  public void startTls(Target t, Duration timeout) throws IOException {
    javax.net.ssl.SSLSocket s = Tls.wrap(this, t, timeout);
    active = s;
    in = s.getInputStream();
    out = s.getOutputStream();
  }

  /** Connects within {@code timeout}, holding one of the pace's connect slots until closed. */
  public static Wire open(Target t, Pace pace, Duration timeout) throws IOException {
    try {
      pace.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted before connecting to " + t);
    }
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setReceiveBufferSize(16 * 1024);
      s.connect(t.address(), (int) timeout.toMillis());
      return new Wire(s, pace);
    } catch (IOException | RuntimeException e) {
      try {
        s.close();
      } finally {
        pace.release();
      }
      throw e;
    }
  }

  public void write(byte[] data) throws IOException {
    out.write(data);
    out.flush();
  }

  public void write(String ascii) throws IOException {
    write(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  public boolean eof() {
    return eof;
  }

  /** Reads what arrives within {@code deadline}, up to {@code max} bytes; returns early at EOF. */
  public byte[] read(int max, Duration deadline) throws IOException {
    return readUntil(max, deadline, null);
  }

  /**
   * Reads until {@code stop} says the bytes so far are enough, {@code max} bytes, EOF or the deadline,
   * whichever comes first. Never throws on a timeout: the bytes so far are the answer.
   */
  public byte[] readUntil(int max, Duration deadline, java.util.function.Predicate<byte[]> stop) throws IOException {
    int cap = Math.min(max, MAX_READ);
    ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.min(cap, 1024));
    long end = System.nanoTime() + deadline.toNanos();
    byte[] chunk = new byte[Math.min(cap, 4096)];
    while (buf.size() < cap && !eof) {
      long left = (end - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      active.setSoTimeout((int) Math.max(1, left));
      int n;
      try {
        n = in.read(chunk, 0, Math.min(chunk.length, cap - buf.size()));
      } catch (SocketTimeoutException e) {
        break;
      } catch (IOException e) {
        if (buf.size() > 0) {
          eof = true;
          break;
        }
        throw e;
      }
      if (n < 0) {
        eof = true;
        break;
      }
      buf.write(chunk, 0, n);
      if (stop != null && stop.test(buf.toByteArray())) {
        break;
      }
    }
    return buf.toByteArray();
  }

  /** Reads exactly {@code n} bytes or fails (timeouts and short reads name the target). */
  public byte[] readExactly(int n, Duration deadline) throws IOException {
    byte[] b = readUntil(n, deadline, got -> got.length >= n);
    if (b.length < n) {
      throw new IOException("short answer from " + socket.getRemoteSocketAddress() + ": " + b.length + " of " + n + " bytes");
    }
    return b;
  }

  public Socket socket() {
    return socket;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      active.close();
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    } finally {
      pace.release();
    }
  }

  /** Printable text for evidence: control and non-ASCII bytes become '.', CR/LF kept. */
  public static String printable(byte[] data, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < data.length && sb.length() < max; i++) {
      int c = data[i] & 0xff;
      sb.append(c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f) ? (char) c : '.');
    }
    return sb.toString();
  }

  public static String latin1(byte[] data) {
    return new String(data, StandardCharsets.ISO_8859_1);
  }

  public static boolean contains(byte[] hay, String needle) {
    return latin1(hay).contains(needle);
  }
}
