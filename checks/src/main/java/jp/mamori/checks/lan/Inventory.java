package jp.mamori.checks.lan;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** What a scan saw on the network: devices by IP, with MAC, vendor, names and open services. Thread-safe. */
public final class Inventory {
  private final Map<String, Device> devices = new ConcurrentHashMap<>();

  public static final class Device {
    public final String ip;
    private String mac;
    private String vendor;
    private final Set<String> names = new TreeSet<>();
    private final Map<String, String> services = new TreeMap<>();
    private final Set<String> notes = new TreeSet<>();

    Device(String ip) {
      this.ip = ip;
    }

    public synchronized String mac() {
      return mac;
    }

    public synchronized String vendor() {
      return vendor;
    }

    public synchronized Set<String> names() {
      return Set.copyOf(names);
    }

    public synchronized Map<String, String> services() {
      return Map.copyOf(services);
    }

    public synchronized void mac(String mac, String vendor) {
      this.mac = mac;
      if (vendor != null) {
        this.vendor = vendor;
      }
    }

    public synchronized void name(String source, String name) {
      if (name != null && !name.isBlank()) {
        names.add(source + ":" + Wire.printable(name.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8), 80));
      }
    }

    /** key like "tcp/445", value like "smb (SMB 3.1.1)". */
    public synchronized void service(String key, String description) {
      services.put(key, description);
    }

    public synchronized void note(String note) {
      notes.add(note);
    }

    public synchronized String summary() {
      StringBuilder sb = new StringBuilder();
      if (vendor != null) {
        sb.append(vendor);
      }
      if (!names.isEmpty()) {
        sb.append(sb.length() > 0 ? ", " : "").append(names.iterator().next().replaceFirst("^[a-z]+:", ""));
      }
      if (!services.isEmpty()) {
        sb.append(sb.length() > 0 ? ", " : "").append(String.join(" ", services.keySet()));
      }
      return sb.length() == 0 ? "?" : sb.toString();
    }

    public synchronized JsonObject toJson() {
      JsonObject svc = new JsonObject();
      services.forEach(svc::put);
      return new JsonObject().put("ip", ip).put("mac", mac).put("vendor", vendor)
          .put("names", new JsonArray(java.util.List.copyOf(names))).put("services", svc)
          .put("notes", new JsonArray(java.util.List.copyOf(notes)));
    }
  }

  public Device device(String ip) {
    return devices.computeIfAbsent(ip, Device::new);
  }

  public boolean has(String ip) {
    return devices.containsKey(ip);
  }

  public Map<String, Device> devices() {
    return new TreeMap<>(devices);
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    devices().values().forEach(d -> list.add(d.toJson()));
    return new JsonObject().put("devices", list);
  }

  /** IPs and MACs of a previous inventory file's JSON, for new-device alerts. */
  public static Set<String> knownKeys(JsonObject previous) {
    Set<String> keys = new TreeSet<>();
    if (previous == null) {
      return keys;
    }
    JsonArray list = previous.getJsonArray("devices", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      Object o = list.getValue(i);
      if (o instanceof JsonObject d) {
        if (d.getValue("ip") instanceof String ip) {
          keys.add("ip:" + ip);
        }
        if (d.getValue("mac") instanceof String mac) {
          keys.add("mac:" + mac.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return keys;
  }
}
