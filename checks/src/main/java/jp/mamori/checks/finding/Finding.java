package jp.mamori.checks.finding;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One observation of one problem (or one inventory fact) on one target. This is the wire format shared by
 * the agent's checks, its outbox and the console; see {@code finding.schema.json} and the README.
 */
public record Finding(
    UUID id,
    String fingerprint,
    String check,
    Integer point,
    Severity severity,
    String target,
    LocalizedText title,
    LocalizedText advice,
    JsonObject evidence,
    Instant observedAt) {

  public static final int MAX_SNIPPET = 500;
  public static final int MAX_TARGET = 2048;
  public static final int MAX_TEXT = 4000;
  public static final int MAX_EVIDENCE_BYTES = 16 * 1024;
  public static final Pattern CHECK_ID = Pattern.compile("^[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9-]*)+$");
  private static final Pattern FINGERPRINT = Pattern.compile("^[0-9a-f]{64}$");

  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(advice, "advice");
    Objects.requireNonNull(observedAt, "observedAt");
    evidence = evidence == null ? new JsonObject() : evidence.copy();
  }

  @Override
  public JsonObject evidence() {
    return evidence.copy();
  }

  public static Builder builder(String check) {
    return new Builder(check);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("fingerprint", fingerprint)
        .put("check", check)
        .put("point", point)
        .put("severity", severity.wire())
        .put("target", target)
        .put("title", title.toJson())
        .put("advice", advice.toJson())
        .put("evidence", evidence.copy())
        .put("observedAt", observedAt.toString());
  }

  /** Strict parse of the wire format; the exception message names the offending field. */
  public static Finding fromJson(JsonObject json) {
    if (json == null) {
      throw new InvalidFindingException("finding must be a JSON object");
    }
    UUID id;
    String idText = string(json, "id", 36);
    try {
      id = UUID.fromString(idText);
    } catch (IllegalArgumentException e) {
      throw new InvalidFindingException("id is not a UUID: " + idText);
    }
    String fingerprint = string(json, "fingerprint", 64);
    if (!FINGERPRINT.matcher(fingerprint).matches()) {
      throw new InvalidFindingException("fingerprint must be 64 lowercase hex characters (SHA-256)");
    }
    String check = string(json, "check", 100);
    if (!CHECK_ID.matcher(check).matches()) {
      throw new InvalidFindingException("check must be a dotted lowercase id like web.hidden-iframe, got: " + check);
    }
    Integer point = null;
    Object rawPoint = json.getValue("point");
    if (rawPoint != null) {
      if (!(rawPoint instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < 1 || n.intValue() > 5) {
        throw new InvalidFindingException("point must be null or an integer 1-5, got: " + rawPoint);
      }
      point = n.intValue();
    }
    Severity severity;
    try {
      severity = Severity.parse(string(json, "severity", 10));
    } catch (IllegalArgumentException e) {
      throw new InvalidFindingException(e.getMessage());
    }
    String target = string(json, "target", MAX_TARGET);
    LocalizedText title = text(json, "title");
    LocalizedText advice = text(json, "advice");
    Object rawEvidence = json.getValue("evidence");
    JsonObject evidence;
    if (rawEvidence == null) {
      evidence = new JsonObject();
    } else if (rawEvidence instanceof JsonObject o) {
      evidence = o;
    } else {
      throw new InvalidFindingException("evidence must be a JSON object");
    }
    checkEvidence(evidence, "evidence");
    if (evidence.encode().length() > MAX_EVIDENCE_BYTES) {
      throw new InvalidFindingException("evidence is larger than " + MAX_EVIDENCE_BYTES + " characters");
    }
    String observed = string(json, "observedAt", 64);
    Instant observedAt;
    try {
      observedAt = OffsetDateTime.parse(observed).toInstant();
    } catch (DateTimeParseException e) {
      try {
        observedAt = Instant.parse(observed);
      } catch (DateTimeParseException e2) {
        throw new InvalidFindingException("observedAt is not an ISO-8601 date-time: " + observed);
      }
    }
    return new Finding(id, fingerprint, check, point, severity, target, title, advice, evidence, observedAt);
  }

  private static String string(JsonObject json, String field, int max) {
    Object value = json.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new InvalidFindingException(field + " is required and must be a non-empty string");
    }
    if (s.length() > max) {
      throw new InvalidFindingException(field + " is longer than " + max + " characters");
    }
    return s;
  }

  private static LocalizedText text(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof JsonObject o)) {
      throw new InvalidFindingException(field + " must be an object {ja, en}");
    }
    try {
      return new LocalizedText(string(o, "ja", MAX_TEXT), string(o, "en", MAX_TEXT));
    } catch (InvalidFindingException e) {
      throw new InvalidFindingException(field + "." + e.getMessage());
    }
  }

  private static void checkEvidence(Object value, String path) {
    if (value instanceof String s && s.length() > MAX_SNIPPET) {
      throw new InvalidFindingException(path + " is longer than " + MAX_SNIPPET + " characters");
    } else if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        checkEvidence(e.getValue(), path + "." + e.getKey());
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        checkEvidence(a.getValue(i), path + "[" + i + "]");
      }
    }
  }

  /** Cuts a snippet to the schema's limit, marking the cut. */
  public static String snippet(String text) {
    if (text == null) {
      return null;
    }
    if (text.length() <= MAX_SNIPPET) {
      return text;
    }
    int end = MAX_SNIPPET - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  public static final class Builder {
    private final String check;
    private final TreeMap<String, String> identity = new TreeMap<>();
    private final JsonObject evidence = new JsonObject();
    private final Map<String, String> args = new TreeMap<>();
    private Integer point;
    private Severity severity;
    private String target;
    private LocalizedText title;
    private LocalizedText advice;
    private UUID id;
    private Instant observedAt;

    Builder(String check) {
      if (check == null || !CHECK_ID.matcher(check).matches()) {
        throw new IllegalArgumentException("check must be a dotted lowercase id like web.hidden-iframe, got: " + check);
      }
      this.check = check;
    }

    public Builder point(Integer point) {
      if (point != null && (point < 1 || point > 5)) {
        throw new IllegalArgumentException("point must be 1-5, got: " + point);
      }
      this.point = point;
      return this;
    }

    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder target(String target) {
      this.target = target;
      return this;
    }

    public Builder title(String ja, String en) {
      this.title = new LocalizedText(ja, en);
      return this;
    }

    public Builder advice(String ja, String en) {
      this.advice = new LocalizedText(ja, en);
      return this;
    }

    Builder title(LocalizedText title) {
      this.title = title;
      return this;
    }

    Builder advice(LocalizedText advice) {
      this.advice = advice;
      return this;
    }

    /** Evidence that tells this problem apart from another of the same check on the same target. */
    public Builder identity(String key, String value) {
      identity.put(key, value == null ? "" : value);
      return this;
    }

    /** Evidence shown to people; strings are cut to {@value #MAX_SNIPPET} characters. */
    public Builder evidence(String key, Object value) {
      evidence.put(key, truncate(value));
      return this;
    }

    /** Value for a {name} placeholder in catalogue titles and advice. */
    public Builder arg(String name, String value) {
      args.put(name, value == null ? "" : value);
      return this;
    }

    public Builder id(UUID id) {
      this.id = id;
      return this;
    }

    public Builder observedAt(Instant observedAt) {
      this.observedAt = observedAt;
      return this;
    }

    public Builder observedAt(Clock clock) {
      return observedAt(clock.instant());
    }

    public String check() {
      return check;
    }

    public Finding build() {
      if (target == null || target.isBlank()) {
        throw new IllegalStateException("finding " + check + " has no target");
      }
      if (severity == null || title == null || advice == null) {
        throw new IllegalStateException("finding " + check + " needs severity, title and advice");
      }
      if (observedAt == null) {
        throw new IllegalStateException("finding " + check + " has no observedAt");
      }
      String cut = target.length() > MAX_TARGET ? target.substring(0, MAX_TARGET) : target;
      return new Finding(
          id == null ? UUID.randomUUID() : id,
          Fingerprint.of(check, cut, identity),
          check,
          point,
          severity,
          cut,
          fill(title),
          fill(advice),
          evidence,
          observedAt);
    }

    private LocalizedText fill(LocalizedText text) {
      return new LocalizedText(fill(text.ja()), fill(text.en()));
    }

    private String fill(String template) {
      if (args.isEmpty() || template.indexOf('{') < 0) {
        return template;
      }
      String out = template;
      for (Map.Entry<String, String> e : args.entrySet()) {
        out = out.replace("{" + e.getKey() + "}", e.getValue());
      }
      return out;
    }

    private static Object truncate(Object value) {
      if (value instanceof String s) {
        return snippet(s);
      } else if (value instanceof JsonObject o) {
        JsonObject copy = new JsonObject();
        o.forEach(e -> copy.put(e.getKey(), truncate(e.getValue())));
        return copy;
      } else if (value instanceof JsonArray a) {
        JsonArray copy = new JsonArray();
        a.forEach(v -> copy.add(truncate(v)));
        return copy;
      } else if (value instanceof Iterable<?> it) {
        JsonArray copy = new JsonArray();
        it.forEach(v -> copy.add(truncate(v)));
        return copy;
      } else if (value instanceof Map<?, ?> m) {
        JsonObject copy = new JsonObject();
        m.forEach((k, v) -> copy.put(String.valueOf(k), truncate(v)));
        return copy;
      }
      return value;
    }
  }
}
