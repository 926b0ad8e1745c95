package jp.mamori.console.notify;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Optional settings read from {@code <data>/console.properties} (UTF-8 {@code key = value}). Without
 * {@code mail.host} the console sends no e-mail (messages stay queued in the outbox table).
 *
 * <pre>
 * mail.host = smtp.example.jp        mail.port = 587 (465 with mail.ssl = true)
 * mail.starttls = required|optional|disabled (default required; disabled only for a loopback relay)
 * mail.username / mail.password      (both or neither)
 * mail.from = 相談窓口 &lt;desk@example.jp&gt;
 * console.public-url = https://console.example.jp/   (links in e-mails)
 * </pre>
 */
public record NotifyConfig(Optional<Smtp> smtp, String publicUrl) {
  public static final String FILE = "console.properties";

  public record Smtp(String host, int port, boolean ssl, String starttls, String username, String password, String from) {}

  public static NotifyConfig none() {
    return new NotifyConfig(Optional.empty(), "");
  }

  public static NotifyConfig load(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return none();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return parse(p, file.toString());
  }

  public static NotifyConfig parse(Properties p, String where) {
    String publicUrl = p.getProperty("console.public-url", "").strip();
    String host = p.getProperty("mail.host", "").strip();
    if (host.isEmpty()) {
      return new NotifyConfig(Optional.empty(), publicUrl);
    }
    boolean ssl = Boolean.parseBoolean(p.getProperty("mail.ssl", "false").strip());
    int port;
    try {
      port = Integer.parseInt(p.getProperty("mail.port", ssl ? "465" : "587").strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": mail.port must be a number, got: " + p.getProperty("mail.port"));
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(where + ": mail.port must be 1-65535, got: " + port);
    }
    String starttls = p.getProperty("mail.starttls", "required").strip().toLowerCase(java.util.Locale.ROOT);
    if (!starttls.equals("required") && !starttls.equals("optional") && !starttls.equals("disabled")) {
      throw new IllegalArgumentException(where + ": mail.starttls must be required, optional or disabled, got: " + starttls);
    }
    String user = p.getProperty("mail.username", "").strip();
    String password = p.getProperty("mail.password", "");
    if (user.isEmpty() != password.isEmpty()) {
      throw new IllegalArgumentException(where + ": set mail.username and mail.password together");
    }
    String from = p.getProperty("mail.from", "").strip();
    if (!from.contains("@")) {
      throw new IllegalArgumentException(where + ": mail.from (the sender address) is required when mail.host is set");
    }
    return new NotifyConfig(Optional.of(new Smtp(host, port, ssl, starttls, user.isEmpty() ? null : user,
        password.isEmpty() ? null : password, from)), publicUrl);
  }
}
