package jp.mamori.agent.lan;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.mamori.agent.daemon.CheckJob;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.rules.RuleSource;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.lan.LanScanner;

/**
 * One scheduled LAN scan: the consented scope (full or light) or the configured explicit targets. Scope
 * scans compare against the last inventory (new-device alerts) and keep it in the data directory.
 */
public final class LanScanJob implements CheckJob {
  public static final String INVENTORY_FILE = "lan-inventory.json";

  private final String name;
  private final LanScanner.Options options;
  private final Path inventory;
  private final Clock clock;
  private final RuleSource rules;
  private final jp.mamori.agent.selfcheck.AttestationStore attestations;

  private final BoxHealth health;

  public LanScanJob(String name, LanScanner.Options options, Path dataDir, Clock clock, RuleSource rules, BoxHealth health) {
    this.rules = rules;
    this.health = health;
    this.attestations = new jp.mamori.agent.selfcheck.AttestationStore(dataDir);
    this.name = name;
    this.options = options;
    this.inventory = options.scope() == null ? null : dataDir.resolve(INVENTORY_FILE);
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  public LanScanner.Options options() {
    return options;
  }

  @Override
  public CheckRun run() throws Exception {
    JsonObject previous = inventory == null ? null : ScanLanCommand.readInventory(inventory);
    LanScanner.Result result = new LanScanner(clock, rules.lanData()).scan(options.withPrevious(previous));
    if (inventory != null) {
      // PCs that took the self-check carry its outcome in the inventory
      for (jp.mamori.agent.selfcheck.Attestation a : attestations.all()) {
        if (result.inventory().has(a.ip())) {
          result.inventory().device(a.ip()).note(jp.mamori.agent.selfcheck.SelfCheck.inventoryNote(a));
        }
      }
      JsonObject next = result.inventoryJson();
      try {
        ScanLanCommand.writeInventory(inventory, options.light() && previous != null ? merge(previous, next) : next);
        health.fileWritten(inventory);
      } catch (IOException e) {
        // the findings stand; the next scan compares against the older inventory
        health.fileWriteFailed(inventory, e);
      }
    }
    return result.run();
  }

  /** A light scan sees fewer ports: it adds devices to the inventory but never drops what a full scan saw. */
  static JsonObject merge(JsonObject previous, JsonObject next) throws IOException {
    Map<String, JsonObject> byIp = new LinkedHashMap<>();
    for (JsonArray list : new JsonArray[] {previous.getJsonArray("devices", new JsonArray()), next.getJsonArray("devices", new JsonArray())}) {
      for (int i = 0; i < list.size(); i++) {
        if (list.getValue(i) instanceof JsonObject d && d.getValue("ip") instanceof String ip) {
          byIp.putIfAbsent(ip, d);
        }
      }
    }
    return new JsonObject().put("devices", new JsonArray(new java.util.ArrayList<>(byIp.values())))
        .put("scannedAt", next.getString("scannedAt"));
  }
}
