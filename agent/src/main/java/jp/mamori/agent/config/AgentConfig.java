package jp.mamori.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import jp.mamori.common.AtomicFiles;

/**
 * The box's configuration file ({@code key = value}, UTF-8). It holds the box credential, so it is always
 * written with mode 0600, atomically, and keys this class does not know are kept.
 */
public final class AgentConfig {
  public static final String CONSOLE_URL = "console.url";
  public static final String CONSOLE_CA_FILE = "console.ca-file";
  public static final String BOX_ID = "box.id";
  public static final String BOX_CREDENTIAL = "box.credential";
  public static final String SME_NAME = "sme.name";
  public static final String CHAMBER_NAME = "chamber.name";
  /** The console's Ed25519 rules key (base64 X.509), pinned at enrollment: rule data is used only when it verifies. */
  public static final String RULES_PUBLIC_KEY = "rules.public-key";
  public static final String RULES_KEY_ID = "rules.key-id";
  /** Hours between rule data fetches (jittered ±25 %; heartbeat answers announcing a new version fetch sooner). */
  public static final String RULES_CHECK_HOURS = "rules.check-hours";
  public static final String DATA_DIR = "data.dir";
  public static final String SITES = "sites";
  public static final String LAN_SCOPE = "lan.scope";
  public static final String LAN_SCOPE_CONSENTED_AT = "lan.scope.consented-at";
  /** Who accepted the scope on the local page (the name they typed). */
  public static final String LAN_SCOPE_CONSENTED_BY = "lan.scope.consented-by";
  /** The owner said no LAN checks on the local page: the page stops proposing a scope. */
  public static final String LAN_SCOPE_DECLINED_AT = "lan.scope.declined-at";
  public static final String LAN_SCOPE_DECLINED_BY = "lan.scope.declined-by";
  public static final String LAN_TARGETS = "lan.targets";
  public static final String PATROL_TIMES = "patrol.times";
  public static final String PATROL_ZONE = "patrol.zone";
  public static final String PATROL_JITTER_MINUTES = "patrol.jitter-minutes";
  /** Labs and benchmarks: patrol every N minutes instead of at {@code patrol.times}. */
  public static final String PATROL_EVERY_MINUTES = "patrol.every-minutes";
  /** Labs and benchmarks: the full scope scan and the target scan every N minutes instead of weekly / daily. */
  public static final String LAN_EVERY_MINUTES = "lan.every-minutes";
  /** Namespace labs and benchmarks: accept a loopback {@code lan.scope} (the product scans only private ranges). */
  public static final String LAN_SCOPE_ALLOW_LOOPBACK = "lan.scope.allow-loopback";
  public static final String RUN_ON_START = "checks.run-on-start";
  public static final String HEARTBEAT_SECONDS = "heartbeat.seconds";
  public static final String OUTBOX_BATCH = "outbox.batch-size";
  /** Cap of the outbox: over it the oldest low/info findings are dropped (medium+ never). */
  public static final String OUTBOX_MAX_ITEMS = "outbox.max-items";
  public static final String OUTBOX_MAX_MB = "outbox.max-mb";
  /** Replay of a backlog: at most this many items a second, after a random pause of up to the delay. */
  public static final String OUTBOX_REPLAY_RATE = "outbox.replay-rate";
  public static final String OUTBOX_REPLAY_DELAY_SECONDS = "outbox.replay-delay-seconds";
  /** Room held back in the data directory for medium+ findings when the disk fills up (0 = none). */
  public static final String DISK_RESERVE_MB = "disk.reserve-mb";

  private final Properties props;

  private AgentConfig(Properties props) {
    this.props = props;
  }

  public static AgentConfig empty() {
    return new AgentConfig(new Properties());
  }

  public static AgentConfig load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("config file " + file + " does not exist (run 'mamori-agent enroll' first)");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return new AgentConfig(p);
  }

  public static AgentConfig loadOrEmpty(Path file) throws IOException {
    return Files.exists(file) ? load(file) : empty();
  }

  /** Writes with mode 0600 via a temporary file and an atomic rename, so a crash never leaves half a file. */
  public void save(Path file) throws IOException {
    AtomicFiles.writeString(file, render(), "rw-------");
  }


  String render() {
    StringBuilder sb = new StringBuilder("# Mamori agent configuration. Holds this box's credential: keep it private (mode 0600).\n");
    for (String key : new TreeSet<>(props.stringPropertyNames())) {
      Properties one = new Properties();
      one.setProperty(key, props.getProperty(key));
      StringWriter w = new StringWriter();
      try {
        one.store(w, null);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      for (String line : w.toString().split("\n")) {
        if (!line.startsWith("#")) {
          sb.append(line.strip()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  public AgentConfig with(String key, String value) {
    Properties p = new Properties();
    p.putAll(props);
    if (value == null) {
      p.remove(key);
    } else {
      p.setProperty(key, value);
    }
    return new AgentConfig(p);
  }

  public Optional<String> get(String key) {
    String v = props.getProperty(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  public String require(String key) {
    return get(key).orElseThrow(() -> new IllegalStateException("config key '" + key + "' is missing (enroll the box first)"));
  }

  public List<String> list(String key) {
    return get(key).map(v -> Arrays.stream(v.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  public int integer(String key, int fallback, int min, int max) {
    Optional<String> v = get(key);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < min || n > max) {
        throw new IllegalStateException("config key '" + key + "' must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalStateException("config key '" + key + "' must be a whole number, got '" + v.get() + "'");
    }
  }

  public boolean bool(String key, boolean fallback) {
    return get(key).map(v -> v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")).orElse(fallback);
  }

  /** An interval in whole minutes (1 to {@code max}), empty when the key is not set. */
  public Optional<Duration> everyMinutes(String key, int max) {
    return get(key).map(v -> Duration.ofMinutes(integer(key, 0, 1, max)));
  }

  public URI consoleUrl() {
    return URI.create(require(CONSOLE_URL));
  }

  public Optional<Path> consoleCaFile() {
    return get(CONSOLE_CA_FILE).map(Path::of);
  }

  public Path dataDir(Path configFile) {
    return get(DATA_DIR).map(Path::of).orElseGet(() -> configFile.toAbsolutePath().getParent().resolve("data"));
  }

  public Duration heartbeat() {
    return Duration.ofSeconds(integer(HEARTBEAT_SECONDS, 60, 1, 3600));
  }

  public ZoneId patrolZone() {
    return ZoneId.of(get(PATROL_ZONE).orElse("Asia/Tokyo"));
  }

  public List<LocalTime> patrolTimes() {
    List<String> raw = list(PATROL_TIMES);
    if (raw.isEmpty()) {
      return List.of(LocalTime.of(6, 0), LocalTime.of(18, 0));
    }
    List<LocalTime> times = new ArrayList<>();
    for (String t : raw) {
      try {
        times.add(LocalTime.parse(t));
      } catch (DateTimeParseException e) {
        throw new IllegalStateException("config key '" + PATROL_TIMES + "' must list HH:MM times, got '" + t + "'");
      }
    }
    return times;
  }
}
