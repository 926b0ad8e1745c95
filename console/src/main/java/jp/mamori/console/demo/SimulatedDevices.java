package jp.mamori.console.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Badly set-up office devices for the demo, on 127.0.0.1 ports of their own, speaking enough of their
 * protocols for the agent's real checks: a router admin page on its factory password, a NAS with
 * anonymous FTP, a telnet console, a Redis without a password, an old Debian 7 SSH server, and one
 * well-kept SSH server that must stay quiet.
 */
public final class SimulatedDevices {
  public record Device(String name, String nameJa, int port, String weakness) {}

  private final List<Device> devices = new ArrayList<>();
  private final List<Runnable> closers = new ArrayList<>();
  private Vertx vertx;

  public Future<List<Device>> start(Vertx vertx) {
    this.vertx = vertx;
    return Future.all(List.of(
            routerAdmin(),
            tcp(this::ftp).map(p -> new Device("NAS file sharing (FTP)", "NAS（FTP共有）", p, "anonymous FTP")),
            tcp(this::telnet).map(p -> new Device("office router console (telnet)", "ルーター管理（telnet）", p, "telnet with admin/admin")),
            tcp(this::redis).map(p -> new Device("inventory database (Redis)", "在庫データベース（Redis）", p, "no password")),
            tcp(s -> banner(s, "SSH-2.0-OpenSSH_6.0p1 Debian-4+deb7u2\r\n")).map(p -> new Device("old file server (SSH)", "古いファイルサーバー（SSH）", p, "Debian 7, end of life")),
            tcp(s -> banner(s, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")).map(p -> new Device("new server (SSH)", "新しいサーバー（SSH）", p, "none (well kept)"))))
        .map(all -> {
          for (int i = 0; i < all.size(); i++) {
            devices.add(all.resultAt(i));
          }
          return List.copyOf(devices);
        });
  }

  private Future<Device> routerAdmin() {
    String expected = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(req -> {
      if (!expected.equals(req.getHeader("Authorization"))) {
        req.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"RT-500KI\"").putHeader("Server", "micro_httpd")
            .putHeader("content-type", "text/html").end("<html><head><title>401 Unauthorized</title></head><body>401 Unauthorized</body></html>");
        return;
      }
      req.response().putHeader("Server", "micro_httpd").putHeader("content-type", "text/html; charset=utf-8")
          .end("<html><head><title>RT-500KI 設定画面</title></head><body><h1>ルーター設定</h1><p>ファームウェア 1.02</p></body></html>");
    }).listen().map(s -> {
      closers.add(s::close);
      return new Device("office router admin page", "ルーター管理画面", s.actualPort(), "factory password admin/admin");
    });
  }

  private interface Session {
    void start(NetSocket socket);
  }

  private Future<Integer> tcp(Session session) {
    return vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setIdleTimeout(30))
        .connectHandler(session::start).listen().map(s -> {
          closers.add(s::close);
          return s.actualPort();
        });
  }

  private static void banner(NetSocket socket, String banner) {
    socket.write(banner);
    socket.handler(b -> { });
  }

  private static RecordParser lines(NetSocket socket) {
    RecordParser parser = RecordParser.newDelimited("\n", socket);
    parser.maxRecordSize(4096);
    parser.exceptionHandler(e -> socket.close());
    return parser;
  }

  private static String line(Buffer b) {
    String s = b.toString(StandardCharsets.ISO_8859_1);
    StringBuilder clean = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0xFF && i + 2 < s.length()) {
        i += 2;
      } else if (c >= 0x20 && c < 0x7F) {
        clean.append(c);
      }
    }
    return clean.toString().strip();
  }

  private void ftp(NetSocket socket) {
    socket.write("220 (vsFTPd 3.0.3)\r\n");
    String[] user = {null};
    boolean[] in = {false};
    NetServer[] data = {null};
    lines(socket).handler(b -> {
      String l = line(b);
      String cmd = l.contains(" ") ? l.substring(0, l.indexOf(' ')).toUpperCase(Locale.ROOT) : l.toUpperCase(Locale.ROOT);
      String arg = l.contains(" ") ? l.substring(l.indexOf(' ') + 1) : "";
      switch (cmd) {
        case "USER" -> {
          user[0] = arg;
          socket.write("331 Please specify the password.\r\n");
        }
        case "PASS" -> {
          if ("anonymous".equalsIgnoreCase(user[0]) || "ftp".equalsIgnoreCase(user[0])) {
            in[0] = true;
            socket.write("230 Login successful.\r\n");
          } else {
            socket.write("530 Login incorrect.\r\n");
          }
        }
        case "SYST" -> socket.write("215 UNIX Type: L8\r\n");
        case "FEAT" -> socket.write("211-Features:\r\n EPSV\r\n PASV\r\n UTF8\r\n211 End\r\n");
        case "PWD" -> socket.write(in[0] ? "257 \"/\" is the current directory\r\n" : "530 Please login with USER and PASS.\r\n");
        case "TYPE" -> socket.write("200 Switching to Binary mode.\r\n");
        case "OPTS" -> socket.write("200 Always in UTF8 mode.\r\n");
        case "PASV", "EPSV" -> {
          if (!in[0]) {
            socket.write("530 Please login with USER and PASS.\r\n");
            return;
          }
          vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)).connectHandler(d ->
              d.end(Buffer.buffer("-rw-r--r--    1 0        0          48213 Nov 01 09:12 顧客名簿.xlsx\r\n"
                  + "-rw-r--r--    1 0        0         120044 Oct 30 17:40 見積書_2026.pdf\r\n", "UTF-8"))).listen().onSuccess(s -> {
                    data[0] = s;
                    int p = s.actualPort();
                    socket.write(cmd.equals("EPSV") ? "229 Entering Extended Passive Mode (|||" + p + "|)\r\n"
                        : "227 Entering Passive Mode (127,0,0,1," + (p >> 8) + "," + (p & 0xFF) + ").\r\n");
                  });
        }
        case "LIST", "NLST", "MLSD" -> {
          if (data[0] == null) {
            socket.write("425 Use PORT or PASV first.\r\n");
            return;
          }
          socket.write("150 Here comes the directory listing.\r\n");
          vertx.setTimer(200, t -> {
            socket.write("226 Directory send OK.\r\n");
            data[0].close();
            data[0] = null;
          });
        }
        case "CWD" -> socket.write("250 Directory successfully changed.\r\n");
        case "STOR", "APPE", "MKD", "DELE", "RMD" -> socket.write("550 Permission denied.\r\n");
        case "QUIT" -> socket.end(Buffer.buffer("221 Goodbye.\r\n"));
        default -> socket.write("502 Command not implemented.\r\n");
      }
    });
    socket.closeHandler(v -> {
      if (data[0] != null) {
        data[0].close();
      }
    });
  }

  private void telnet(NetSocket socket) {
    socket.write(Buffer.buffer(new byte[] {(byte) 255, (byte) 251, 1, (byte) 255, (byte) 251, 3}));
    socket.write("\r\nRT-500KI login: ");
    String[] user = {null};
    lines(socket).handler(b -> {
      String l = line(b);
      if (user[0] == null) {
        user[0] = l;
        socket.write("Password: ");
      } else if (user[0].equals("admin") && l.equals("admin")) {
        socket.write("\r\nBusyBox v1.22.1 built-in shell (ash)\r\n# ");
        user[0] = "";
      } else if (user[0].isEmpty()) {
        socket.write(l.equals("exit") ? "" : "sh: " + l + ": not found\r\n# ");
        if (l.equals("exit")) {
          socket.close();
        }
      } else {
        user[0] = null;
        socket.write("\r\nLogin incorrect\r\nRT-500KI login: ");
      }
    });
  }

  private void redis(NetSocket socket) {
    List<String> args = new ArrayList<>();
    int[] expected = {0};
    lines(socket).handler(b -> {
      String l = line(b);
      if (expected[0] == 0 && l.startsWith("*")) {
        if (!l.substring(1).strip().matches("[1-9][0-9]{0,2}")) {
          socket.end(Buffer.buffer("-ERR Protocol error: invalid multibulk length\r\n"));
          return;
        }
        expected[0] = Integer.parseInt(l.substring(1).strip());
        args.clear();
        return;
      }
      if (expected[0] > 0) {
        if (l.startsWith("$")) {
          return;
        }
        args.add(l);
        if (args.size() < expected[0]) {
          return;
        }
        expected[0] = 0;
      } else {
        args.clear();
        args.addAll(List.of(l.split("\\s+")));
      }
      String cmd = args.isEmpty() ? "" : args.get(0).toUpperCase(Locale.ROOT);
      switch (cmd) {
        case "PING" -> socket.write("+PONG\r\n");
        case "INFO" -> {
          String info = "# Server\r\nredis_version:6.0.16\r\nredis_mode:standalone\r\nos:Linux 5.10.0 x86_64\r\n# Keyspace\r\ndb0:keys=1342,expires=0\r\n";
          socket.write("$" + info.getBytes(StandardCharsets.UTF_8).length + "\r\n" + info + "\r\n");
        }
        case "AUTH" -> socket.write("-ERR AUTH <password> called without any password configured for the default user.\r\n");
        case "QUIT" -> socket.end(Buffer.buffer("+OK\r\n"));
        default -> socket.write("-ERR unknown command '" + cmd.toLowerCase(Locale.ROOT) + "'\r\n");
      }
    });
  }

  public void stop() {
    closers.forEach(Runnable::run);
  }
}
