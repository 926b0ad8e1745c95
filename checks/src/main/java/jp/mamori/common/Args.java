package jp.mamori.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Command-line arguments of one sub-command: positionals, {@code --flag} and {@code --option value}. */
public final class Args {
  private final String command;
  private final List<String> positionals;
  private final Map<String, String> options;

  private Args(String command, List<String> positionals, Map<String, String> options) {
    this.command = command;
    this.positionals = positionals;
    this.options = options;
  }

  /**
   * @param flags options without a value (e.g. "json")
   * @param valued options that take a value (e.g. "state")
   */
  public static Args parse(String command, List<String> argv, Set<String> flags, Set<String> valued) {
    List<String> positionals = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--")) {
        positionals.addAll(argv.subList(i + 1, argv.size()));
        break;
      }
      if (a.startsWith("--") && a.length() > 2) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flags.contains(name)) {
          if (value != null) {
            throw new UsageException(command + ": option --" + name + " takes no value");
          }
          options.put(name, "true");
        } else if (valued.contains(name)) {
          if (value == null) {
            if (i + 1 >= argv.size() || argv.get(i + 1).startsWith("--")) {
              throw new UsageException(command + ": option --" + name + " needs a value");
            }
            value = argv.get(++i);
          }
          if (options.containsKey(name)) {
            throw new UsageException(command + ": option --" + name + " given twice");
          }
          options.put(name, value);
        } else {
          throw new UsageException(command + ": unknown option --" + name + " (see " + command + " --help)");
        }
      } else {
        positionals.add(a);
      }
    }
    return new Args(command, Collections.unmodifiableList(positionals), Collections.unmodifiableMap(options));
  }

  public String command() {
    return command;
  }

  public List<String> positionals() {
    return positionals;
  }

  public boolean flag(String name) {
    return options.containsKey(name);
  }

  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  public String required(String name) {
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException(command + ": --" + name + " is required");
    }
    return v;
  }

  public int intOption(String name, int fallback, int min, int max) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be a whole number, got '" + v + "'");
    }
  }

  /** Wrong usage: printed to stderr with exit code 2. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }
}
