package jp.mamori.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Args;

/**
 * The console under a chamber federation's load, driven from this (second) process: every box heartbeats
 * once a minute, boxes deliver findings, advisors work their queues. Reports latency percentiles per call,
 * sustained ingestion and the console's CPU.
 */
public final class ScaleBench {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
      new PoolOptions().setHttp1MaxSize(64));
  private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
  private final AtomicLong errors = new AtomicLong();
  private final List<String> errorSamples = new CopyOnWriteArrayList<>();
  private final Random random = new Random(7);
  private String base;
  private int smes;
  private final List<String[]> advisors = new ArrayList<>();
  /** Per advisor (same index as {@link #advisors}): tickets of their own chamber, so detail calls are not 404s. */
  private final List<List<Long>> ticketIds = new ArrayList<>();

  public static void main(String[] argv) throws Exception {
    Args a = Args.parse("scale-bench", List.of(argv), java.util.Set.of(),
        java.util.Set.of("data", "smes", "findings", "console-jar", "seconds", "rate", "java-opts"));
    try {
      new ScaleBench().run(a);
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  void run(Args a) throws Exception {
    Path data = Path.of(a.option("data").orElse("bench/results/scale-data"));
    smes = a.intOption("smes", 10_000, 1, 1_000_000);
    int findings = a.intOption("findings", 1_000_000, 1, 100_000_000);
    int seconds = a.intOption("seconds", 60, 5, 3600);
    int rate = a.intOption("rate", 2000, 0, 100_000);
    if (!Files.exists(data.resolve("console.db"))) {
      Seeder.seed(data, smes, findings);
    } else {
      System.err.println("reusing seeded data in " + data);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(a.option("java-opts").orElse("-Xmx1g").split("\\s+")));
    cmd.addAll(List.of("-jar", a.required("console-jar"), "serve", "--data", data.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)));
    Process console = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(data.resolve("console.log").toFile())).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(console.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.contains("http://")) {
        // wait for the URL line
      }
      if (line == null) {
        throw new IllegalStateException("console did not start; see " + data.resolve("console.log"));
      }
      base = line.substring(line.indexOf("http://")).strip();
      base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      login();
      warmUp();
      long pid = console.pid();

      System.err.println("phase 1: " + seconds + " s mixed load (heartbeats 1/min/box, " + rate + " findings/s, advisors' queries)");
      latencies.clear();
      long[] cpu0 = cpu(pid);
      long sent = mixed(seconds, rate, true);
      long[] cpu1 = cpu(pid);
      Map<String, List<Long>> mixed = new TreeMap<>(latencies);

      System.err.println("phase 2: 30 s ingestion flat out (heartbeats continue)");
      latencies.clear();
      long[] cpu2 = cpu(pid);
      long flat = mixed(30, -1, false);
      long[] cpu3 = cpu(pid);

      report(seconds, rate, sent, mixed, cpuPercent(cpu0, cpu1), flat / 30.0, cpuPercent(cpu2, cpu3), Files.size(data.resolve("console.db")));
    } finally {
      console.destroy();
      console.waitFor(30, TimeUnit.SECONDS);
      vertx.close();
    }
  }

  private void login() throws Exception {
    for (int ch = 1; ch <= Seeder.CHAMBERS; ch++) {
      String email = Seeder.advisorEmail(ch);
      String[] session = http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/api/v1/auth/login"))
          .compose(r -> r.send(new JsonObject().put("email", email).put("password", Seeder.PASSWORD).toBuffer()))
          .compose(resp -> resp.body().map(b -> new String[] {resp.cookies().get(0).split(";")[0], b.toJsonObject().getString("csrfToken")}))
          .await(60, TimeUnit.SECONDS);
      advisors.add(session);
      List<Long> mine = new ArrayList<>();
      get("/api/v1/tickets", session, "warm").await(60, TimeUnit.SECONDS).toJsonArray().forEach(t -> mine.add(((JsonObject) t).getLong("id")));
      ticketIds.add(mine);
    }
  }

  private void warmUp() throws Exception {
    for (int i = 0; i < 200; i++) {
      get("/api/v1/tickets", advisors.get(i % advisors.size()), "warm").await(60, TimeUnit.SECONDS);
      get("/api/v1/alerts?status=open", advisors.get(i % advisors.size()), "warm").await(60, TimeUnit.SECONDS);
    }
  }

  private Future<Buffer> get(String path, String[] advisor, String label) {
    return call(HttpMethod.GET, path, null, advisor[0], null, label);
  }

  private Future<Buffer> call(HttpMethod method, String path, Buffer body, String cookie, String bearer, String label) {
    long t0 = System.nanoTime();
    RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(base + path).setIdleTimeout(60_000);
    if (cookie != null) {
      o.putHeader("cookie", cookie);
    }
    if (bearer != null) {
      o.putHeader("authorization", "Bearer " + bearer);
    }
    o.putHeader("content-type", "application/json");
    return http.request(o).compose(r -> body == null ? r.send() : r.send(body)).compose(resp -> resp.body().map(b -> {
      if (resp.statusCode() / 100 != 2) {
        errors.incrementAndGet();
        if (errorSamples.size() < 5) {
          errorSamples.add(label + " " + resp.statusCode() + " " + b.toString().substring(0, Math.min(200, b.length())));
        }
      }
      latencies.computeIfAbsent(label, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - t0);
      return b;
    })).onFailure(e -> {
      errors.incrementAndGet();
      if (errorSamples.size() < 5) {
        errorSamples.add(label + " " + e);
      }
    });
  }

  /** Runs the load for some seconds; rate < 0 means ingestion as fast as the console takes it. Returns findings accepted. */
  private long mixed(int seconds, int rate, boolean queries) throws Exception {
    AtomicLong delivered = new AtomicLong();
    long end = System.currentTimeMillis() + seconds * 1000L;
    int[] nextBox = {0};
    long hb = vertx.setPeriodic(6, id -> {
      int i = 1 + (nextBox[0]++ % smes);
      call(HttpMethod.POST, "/api/v1/heartbeat", new JsonObject().put("agentVersion", "0.1.0").put("hostname", "box-" + i).toBuffer(), null,
          Seeder.credential(i), "POST /heartbeat");
    });
    List<Future<?>> loops = new ArrayList<>();
    if (rate > 0) {
      long batchesPerSecond = Math.max(1, rate / 100);
      long period = Math.max(1, 1000 / batchesPerSecond);
      long t = vertx.setPeriodic(period, id -> deliver(100).onSuccess(n -> delivered.addAndGet(n)));
      vertx.setTimer(seconds * 1000L, id -> vertx.cancelTimer(t));
    } else if (rate < 0) {
      for (int w = 0; w < 4; w++) {
        loops.add(loop(end, () -> deliver(200).onSuccess(n -> delivered.addAndGet(n))));
      }
    }
    if (queries) {
      String[] paths = {"/api/v1/tickets", "/api/v1/alerts?status=open", "/api/v1/boxes", "/api/v1/smes", "/tickets"};
      for (int w = 0; w < 4; w++) {
        loops.add(loop(end, () -> {
          int a = random.nextInt(advisors.size());
          String[] adv = advisors.get(a);
          List<Long> mine = ticketIds.get(a);
          int k = random.nextInt(paths.length + 1);
          if (k == paths.length && !mine.isEmpty()) {
            return get("/api/v1/tickets/" + mine.get(random.nextInt(mine.size())), adv, "GET /api/v1/tickets/{id}");
          }
          k = Math.min(k, paths.length - 1);
          String p = paths[k];
          return get(p, adv, "GET " + p.replaceAll("\\?.*", ""));
        }));
      }
    }
    Thread.sleep(seconds * 1000L);
    vertx.cancelTimer(hb);
    for (Future<?> f : loops) {
      f.await(120, TimeUnit.SECONDS);
    }
    Thread.sleep(2000);
    return delivered.get();
  }

  private Future<Void> loop(long end, java.util.function.Supplier<Future<?>> step) {
    if (System.currentTimeMillis() >= end) {
      return Future.succeededFuture();
    }
    return step.get().<Void>transform(ar -> loop(end, step));
  }

  private Future<Integer> deliver(int n) {
    int sme = 1 + random.nextInt(smes);
    JsonArray findings = new JsonArray();
    for (int k = 0; k < n; k++) {
      boolean fresh = random.nextInt(10) == 0;
      int a = fresh ? 100 + random.nextInt(1_000_000) : 2 + random.nextInt(Seeder.ALERTS_PER_SME - 2);
      findings.add(Finding.builder("lan.test-" + (a % 1000)).severity(Severity.LOW).point(3).target("192.0.2." + (a % 250 + 1) + ":23")
          .title("ベンチ", "Bench").advice("確認してください", "Check it").identity("n", Integer.toString(a)).evidence("snippet", "banner")
          .observedAt(Instant.now()).build().toJson());
    }
    return call(HttpMethod.POST, "/api/v1/findings", new JsonObject().put("findings", findings).toBuffer(), null, Seeder.credential(sme),
        "POST /findings (" + n + ")").map(b -> b.toJsonObject().getJsonArray("accepted", new JsonArray()).size());
  }

  private static long[] cpu(long pid) throws Exception {
    String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\)\\s+")[1].split("\\s+");
    return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), System.nanoTime()};
  }

  private static double cpuPercent(long[] a, long[] b) {
    return (b[0] - a[0]) / 100.0 / ((b[1] - a[1]) / 1e9) * 100;
  }

  private void report(int seconds, int rate, long sent, Map<String, List<Long>> mixed, double cpuMixed, double flatRate, double cpuFlat, long dbBytes) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%n| call (phase 1: %d s, %d boxes heartbeating, %d findings/s offered) | n | p50 ms | p95 ms | p99 ms |%n", seconds, smes, rate));
    sb.append("|---|---:|---:|---:|---:|\n");
    for (Map.Entry<String, List<Long>> e : mixed.entrySet()) {
      List<Long> l = new ArrayList<>(e.getValue());
      Collections.sort(l);
      sb.append(String.format("| %s | %d | %.1f | %.1f | %.1f |%n", e.getKey(), l.size(), pct(l, 50), pct(l, 95), pct(l, 99)));
    }
    sb.append(String.format("%nphase 1: %d findings accepted (%.0f/s), console CPU %.0f%% (of one core)%n", sent, sent / (double) seconds, cpuMixed));
    sb.append(String.format("phase 2: ingestion flat out %.0f findings/s, console CPU %.0f%%%n", flatRate, cpuFlat));
    sb.append(String.format("database %.0f MiB, errors %d %s%n", dbBytes / 1048576.0, errors.get(), errorSamples));
    System.out.print(sb);
  }

  private static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
  }
}
