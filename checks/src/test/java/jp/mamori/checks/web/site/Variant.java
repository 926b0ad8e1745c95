package jp.mamori.checks.web.site;

import java.util.function.Consumer;

/**
 * One change to the company website: a compromise the patrol must raise (medium or above) or a benign edit it
 * must stay quiet about. {@code runs} patrols follow the change (outages need a confirming second run);
 * {@code firstRun} variants are present from the very first patrol (no baseline learned before).
 */
public record Variant(String name, boolean compromise, int runs, boolean firstRun, Consumer<Env> apply) {
  public static Variant bad(String name, Consumer<Env> apply) {
    return new Variant(name, true, 1, false, apply);
  }

  public static Variant good(String name, Consumer<Env> apply) {
    return new Variant(name, false, 1, false, apply);
  }

  public Variant runs(int n) {
    return new Variant(name, compromise, n, firstRun, apply);
  }

  public Variant fromFirstRun() {
    return new Variant(name, compromise, runs, true, apply);
  }

  @Override
  public String toString() {
    return (compromise ? "compromise: " : "benign: ") + name;
  }
}
