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
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Args;
import jp.mamori.common.Jdbc;
import jp.mamori.common.Sqlite;

/**
 * The console under a chamber federation's load, driven from this (second) process over real HTTP.
 *
 * <ol>
 *   <li>Seeds a template database once (companies, boxes, alerts, findings, tickets) and copies it for every
 *       run, so each run starts from the same state; boxes and accounts are made current at the copy.</li>
 *   <li>Starts the console through the shipped launcher ({@code installer/bin/mamori-console}) with the
 *       given JVM options.</li>
 *   <li>Warm-up, then the measured mixed phase on a fixed-rate (open-loop) schedule: every box heartbeats once a
 *       minute, boxes deliver findings in batches, advisors open their queue, lists and tickets. Latencies count
 *       from the instant each call was due.</li>
 *   <li>A flat-out ingestion phase (heartbeats continue) for the head-room.</li>
 * </ol>
 * Findings committed are counted in the database, not taken from the answers. The result goes to stdout as a
 * Markdown table and to a JSON file.
 */
public final class ScaleBench {
  /** The advisor's calls whose p95 the issue bounds (all of them). */
  static final List<String> QUERIES = List.of("GET /api/v1/tickets", "GET /api/v1/alerts?status=open", "GET /api/v1/boxes",
      "GET /api/v1/smes", "GET /api/v1/tickets/{id}", "GET /tickets", "GET /tickets/{id}");
  static final double P95_TARGET_MS = 200;
  static final double INGEST_TARGET = 2000;
  static final long TIMEOUT_MS = 60_000;

  private final Vertx vertx = Vertx.vertx();
  private final HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(120),
      new PoolOptions().setHttp1MaxSize(256));
  private final Recorder recorder = new Recorder();
  private String base;
  private int smes;
  private int batch;
  private final List<String> advisorCookies = new ArrayList<>();
  /** Per advisor (same index): live tickets of their own chamber, so detail calls are real answers. */
  private final List<List<Long>> ticketIds = new ArrayList<>();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicInteger nextBox = new AtomicInteger();
  private final AtomicInteger nextQuery = new AtomicInteger();
  private final BlockingQueue<Buffer> batches = new ArrayBlockingQueue<>(64);
  private final List<io.vertx.core.Context> loops = new ArrayList<>();
  private final AtomicInteger nextLoop = new AtomicInteger();
  private volatile boolean producing = true;

  public static void main(String[] argv) throws Exception {
    Args a = Args.parse("scale-bench", List.of(argv), Set.of(), Set.of("data", "smes", "findings", "console", "seconds", "warmup",
        "flat-seconds", "rate", "batch", "query-rate", "senders", "java-opts", "out"));
    try {
      new ScaleBench().run(a, String.join(" ", argv));
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  void run(Args a, String argLine) throws Exception {
    Path dataDir = Path.of(a.option("data").orElse("bench/results/scale-data"));
    smes = a.intOption("smes", 10_000, 20, 1_000_000);
    int findings = a.intOption("findings", 1_000_000, smes, 100_000_000);
    int seconds = a.intOption("seconds", 120, 5, 3600);
    int warmup = a.intOption("warmup", 30, 0, 3600);
    int flatSeconds = a.intOption("flat-seconds", 30, 0, 3600);
    int rate = a.intOption("rate", 2000, 0, 100_000);
    batch = a.intOption("batch", 100, 1, 1000);
    int queryRate = a.intOption("query-rate", 35, 0, 10_000);
    int senders = a.intOption("senders", 8, 1, 256);
    String javaOpts = a.option("java-opts").orElse("-Xmx1g");
    Path launcher = Path.of(a.option("console").orElse("installer/bin/mamori-console"));
    Path out = Path.of(a.option("out").orElse("bench/results/scale-" + Instant.now().toString().replace(":", "").replaceAll("\\..*", "") + ".json"));

    Path template = Seeder.template(dataDir, smes, findings);
    Path run = dataDir.resolve("run");
    Seeder.prepareRun(template, run, smes);
    JsonObject dataset = dataset(run.resolve("console.db"));
    System.err.println("data set: " + dataset.encode());

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "serve", "--data", run.toString(), "--host", "127.0.0.1", "--port",
        Integer.toString(port)).redirectError(ProcessBuilder.Redirect.appendTo(run.resolve("console.log").toFile()));
    pb.environment().put("MAMORI_JAVA_OPTS", javaOpts);
    pb.environment().put("MAMORI_USER", "root".equals(System.getProperty("user.name")) ? "root" : System.getProperty("user.name"));
    for (int i = 0; i < 4; i++) {
      loops.add(vertx.getOrCreateContext()); // called off Vert.x, each is a new context on the next event loop
    }
    Process console = pb.start();
    JsonObject result = new JsonObject();
    Thread producer = new Thread(this::produceBatches, "batch-producer");
    producer.setDaemon(true);
    producer.start();
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(console.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = stdout.readLine()) != null && !line.contains("http://")) {
        // the URL line comes first
      }
      if (line == null) {
        throw new IllegalStateException("console did not start; see " + run.resolve("console.log"));
      }
      base = line.substring(line.indexOf("http://")).strip().replaceAll("/$", "");
      long pid = console.pid();
      String cmdline = Proc.cmdline(pid);
      login();

      result.put("startedAt", Instant.now().toString()).put("command", "bench/scale-bench.sh " + argLine)
          .put("machine", machine()).put("console", new JsonObject().put("javaOpts", javaOpts).put("commandLine", cmdline))
          .put("dataSet", dataset).put("targets", new JsonObject().put("p95Ms", P95_TARGET_MS).put("findingsPerSecond", INGEST_TARGET));

      if (warmup > 0) {
        System.err.printf("warm-up: %d s of the mixed load (not measured)%n", warmup);
        mixed(warmup, rate, queryRate, pid, run);
      }
      System.err.printf("mixed: %d s, %d boxes heartbeating every 60 s (%.0f/s), %d findings/s in batches of %d, %d advisors' calls/s%n",
          seconds, smes, smes / 60.0, rate, batch, queryRate);
      JsonObject mixed = mixed(seconds, rate, queryRate, pid, run);
      result.put("mixed", mixed);
      if (flatSeconds > 0) {
        System.err.printf("flat out: %d s of ingestion by %d senders as fast as the console takes it, heartbeats continue%n", flatSeconds, senders);
        result.put("flatOut", flatOut(flatSeconds, senders, pid, run));
      }
      result.put("consolePeakRssMiB", Recorder.round(Proc.peakRssMiB(pid)));
      result.put("dbMiB", Recorder.round(Files.size(run.resolve("console.db")) / 1048576.0));
      result.put("finishedAt", Instant.now().toString()).put("loadAverageAtEnd", loads());
      result.put("verdict", verdict(mixed));
    } finally {
      producing = false;
      console.destroy();
      if (!console.waitFor(60, TimeUnit.SECONDS)) {
        console.destroyForcibly();
      }
      vertx.close();
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, result.encodePrettily());
    System.out.print(markdown(result));
    System.out.println("result: " + out);
  }

  // ---- set-up

  private static JsonObject dataset(Path db) throws Exception {
    try (Connection c = Sqlite.openReader(db)) {
      JsonObject j = new JsonObject();
      for (String table : List.of("chambers", "smes", "boxes", "alerts", "findings", "tickets", "ticket_messages")) {
        j.put(table, Jdbc.count(c, "SELECT COUNT(*) FROM " + table));
      }
      j.put("alertsOpen", Jdbc.count(c, "SELECT COUNT(*) FROM alerts WHERE status = 'open'"));
      j.put("ticketsLive", Jdbc.count(c, "SELECT COUNT(*) FROM tickets WHERE status NOT IN ('resolved', 'closed')"));
      return j;
    }
  }

  private static JsonObject machine() throws Exception {
    return new JsonObject().put("cpus", Runtime.getRuntime().availableProcessors()).put("loadAverageAtStart", loads())
        .put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip())
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
  }

  private static JsonArray loads() throws Exception {
    double[] l = Proc.loadAverage();
    return new JsonArray().add(l[0]).add(l[1]).add(l[2]);
  }

  private void login() throws Exception {
    for (int ch = 1; ch <= Seeder.CHAMBERS; ch++) {
      String email = Seeder.advisorEmail(ch);
      String cookie = http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/api/v1/auth/login"))
          .compose(r -> r.send(new JsonObject().put("email", email).put("password", Seeder.PASSWORD).toBuffer())
              .compose(resp -> resp.body().map(b -> {
                if (resp.statusCode() != 200) {
                  throw new IllegalStateException("login of " + email + " answered " + resp.statusCode() + ": " + b);
                }
                return resp.cookies().get(0).split(";")[0];
              })))
          .await(60, TimeUnit.SECONDS);
      advisorCookies.add(cookie);
      List<Long> mine = new ArrayList<>();
      http.request(new RequestOptions().setAbsoluteURI(base + "/api/v1/tickets?limit=500").putHeader("cookie", cookie))
          .compose(r -> r.send().compose(resp -> resp.body())).await(60, TimeUnit.SECONDS)
          .toJsonArray().forEach(t -> mine.add(((JsonObject) t).getLong("id")));
      if (mine.isEmpty()) {
        throw new IllegalStateException(email + " sees no tickets; the data set is not what the benchmark expects");
      }
      ticketIds.add(mine);
    }
  }

  // ---- load

  /** One call of the schedule; never blocks the scheduler. */
  private void call(String label, long intended, HttpMethod method, String path, Buffer body, String cookie, String bearer,
      java.util.function.Consumer<Buffer> onOk) {
    Recorder.Call call = recorder.started(label, intended, System.nanoTime());
    // requests leave from a few fixed event loops, never from the scheduler's own thread
    loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size())).runOnContext(v -> send(call, method, path, body, cookie, bearer, onOk));
  }

  private void send(Recorder.Call call, HttpMethod method, String path, Buffer body, String cookie, String bearer,
      java.util.function.Consumer<Buffer> onOk) {
    // an answer that never comes is counted, not waited for
    long deadline = vertx.setTimer(TIMEOUT_MS, id -> call.done("no answer within " + TIMEOUT_MS / 1000 + " s"));
    RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(base + path).setIdleTimeout(60_000);
    if (cookie != null) {
      o.putHeader("cookie", cookie);
    }
    if (bearer != null) {
      o.putHeader("authorization", "Bearer " + bearer);
    }
    if (body != null) {
      o.putHeader("content-type", "application/json");
    }
    http.request(o).compose(r -> (body == null ? r.send() : r.send(body)).compose(resp -> resp.body().map(b -> {
      String error = resp.statusCode() / 100 == 2 ? null : resp.statusCode() + " " + b.toString().substring(0, Math.min(120, b.length()));
      if (error == null && onOk != null) {
        onOk.accept(b);
      }
      return error;
    }))).onComplete(ar -> {
      vertx.cancelTimer(deadline);
      call.done(ar.succeeded() ? ar.result() : ar.cause().toString());
    });
  }

  private OpenLoop.Stream heartbeats() {
    return new OpenLoop.Stream("heartbeats", smes / 60.0, 0, at -> {
      int box = 1 + Math.floorMod(nextBox.getAndIncrement(), smes);
      Instant now = Instant.now();
      JsonObject status = new JsonObject().put("hostname", "box-" + box).put("agentVersion", "0.1.0").put("startedAt", "2026-01-05T00:00:00Z")
          .put("uptimeSeconds", 86_400).put("sentAt", now.toString()).put("outboxDepth", 0).put("deadLetters", 0)
          .put("lastDeliveryAt", now.toString()).put("lastDeliveryError", null)
          .put("jobs", new JsonArray().add(new JsonObject().put("name", "patrol").put("lastRunAt", now.toString()).put("ok", true))
              .add(new JsonObject().put("name", "lan").put("lastRunAt", now.toString()).put("ok", true)));
      call("POST /api/v1/heartbeat", at, HttpMethod.POST, "/api/v1/heartbeat", status.toBuffer(), null, Seeder.credential(box), null);
    });
  }

  private OpenLoop.Stream ingestion(int rate) {
    return new OpenLoop.Stream("findings", rate / (double) batch, 0.003, at -> deliver(at));
  }

  private void deliver(long intended) {
    Buffer body = batches.poll();
    if (body == null) {
      body = batch();
    }
    int sme = 1 + ThreadLocalRandom.current().nextInt(smes);
    call("POST /api/v1/findings (" + batch + ")", intended, HttpMethod.POST, "/api/v1/findings", body, null, Seeder.credential(sme),
        b -> accepted.addAndGet(b.toJsonObject().getJsonArray("accepted", new JsonArray()).size()));
  }

  private void produceBatches() {
    while (producing) {
      try {
        batches.offer(batch(), 1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * What a box sends after its checks: mostly problems it reported before (same fingerprint, one of the
   * company's seeded alerts), one in ten new ones, one in five thousand high (opens a ticket).
   */
  private Buffer batch() {
    SplittableRandom r = new SplittableRandom(System.nanoTime());
    JsonArray findings = new JsonArray();
    Instant now = Instant.now();
    for (int k = 0; k < batch; k++) {
      boolean fresh = r.nextInt(10) == 0;
      int a = fresh ? 100 + r.nextInt(1_000_000_000) : 2 + r.nextInt(Seeder.ALERTS_PER_SME - 2);
      boolean high = fresh && r.nextInt(500) == 0;
      String check = fresh ? "lan.test-" + (a % 1000) : "lan.test-" + a;
      String target = fresh ? "192.0.2." + (a % 250 + 1) + ":" + (1024 + a % 60000) : "192.0.2." + (a + 1) + ":23";
      Severity sev = high ? Severity.HIGH : fresh ? Severity.MEDIUM : a % 3 == 0 ? Severity.MEDIUM : Severity.LOW;
      findings.add(Finding.builder(check).severity(sev).point(3).target(target).title("ベンチ " + check, "Bench " + check)
          .advice("確認してください", "Check it").identity("n", Integer.toString(a)).evidence("snippet", "<iframe src=x>").observedAt(now).build().toJson());
    }
    return new JsonObject().put("findings", findings).put("runs", new JsonArray()).toBuffer();
  }

  private OpenLoop.Stream queries(int perSecond) {
    return new OpenLoop.Stream("advisors", perSecond, 0.001, at -> {
      int adv = ThreadLocalRandom.current().nextInt(advisorCookies.size());
      String cookie = advisorCookies.get(adv);
      List<Long> mine = ticketIds.get(adv);
      String label = QUERIES.get(Math.floorMod(nextQuery.getAndIncrement(), QUERIES.size()));
      String path = label.substring(4).replace("{id}", Long.toString(mine.get(ThreadLocalRandom.current().nextInt(mine.size()))));
      call(label, at, HttpMethod.GET, path, null, cookie, null, null);
    });
  }

  private JsonObject mixed(int seconds, int rate, int queryRate, long pid, Path run) throws Exception {
    Snapshot s0 = snapshot(pid, run);
    accepted.set(0);
    long start = System.nanoTime() + 50_000_000;
    recorder.clear(start);
    long lag = OpenLoop.run(List.of(heartbeats(), ingestion(rate), queries(queryRate)), start, start + seconds * 1_000_000_000L);
    drain();
    long lastIngest = recorder.lastDone("POST /api/v1/findings");
    Snapshot s1 = snapshot(pid, run);
    double wall = (s1.nanos() - start) / 1e9;
    JsonObject calls = recorder.summary(seconds);
    long committed = s1.findings() - s0.findings();
    // the console kept up when everything offered was committed and the last answer came right after the period
    double lagSeconds = Math.max(0, (lastIngest - start) / 1e9 - seconds);
    return new JsonObject().put("seconds", seconds).put("wallSeconds", Recorder.round(wall))
        .put("offered", new JsonObject().put("heartbeatsPerSecond", Recorder.round(smes / 60.0)).put("findingsPerSecond", rate)
            .put("batch", batch).put("advisorCallsPerSecond", queryRate))
        .put("schedulerWorstLagMs", Recorder.round(lag / 1e6)).put("calls", calls)
        .put("secondsWithACallOver500Ms", recorder.stalls(500))
        .put("findingsAccepted", accepted.get()).put("findingsCommitted", committed)
        .put("findingsCommittedPerSecond", Recorder.round(committed / (double) seconds))
        .put("lastIngestionAnswerAfterPeriodMs", Recorder.round(lagSeconds * 1000))
        .put("consoleCpu", cpu(s0, s1)).put("database", s1.metricsDelta(s0));
  }

  private JsonObject flatOut(int seconds, int senders, long pid, Path run) throws Exception {
    Snapshot s0 = snapshot(pid, run);
    long start = System.nanoTime() + 50_000_000;
    long end = start + seconds * 1_000_000_000L;
    recorder.clear(start);
    AtomicInteger active = new AtomicInteger(senders);
    for (int w = 0; w < senders; w++) {
      loops.get(w % loops.size()).runOnContext(v -> senderLoop(end, active));
    }
    OpenLoop.run(List.of(heartbeats()), start, end);
    while (active.get() > 0) {
      Thread.sleep(20);
    }
    drain();
    long lastIngest = recorder.lastDone("POST /api/v1/findings");
    Snapshot s1 = snapshot(pid, run);
    double wall = (lastIngest - start) / 1e9;
    long committed = s1.findings() - s0.findings();
    return new JsonObject().put("seconds", seconds).put("senders", senders).put("batch", batch).put("calls", recorder.summary(seconds))
        .put("findingsCommitted", committed).put("findingsCommittedPerSecond", Recorder.round(committed / wall))
        .put("consoleCpu", cpu(s0, s1)).put("database", s1.metricsDelta(s0));
  }

  /** A box with a full outbox: sends the next batch as soon as the previous one is answered. */
  private void senderLoop(long end, AtomicInteger active) {
    if (System.nanoTime() >= end) {
      active.decrementAndGet();
      return;
    }
    Buffer body = batches.poll();
    Buffer b = body == null ? batch() : body;
    long now = System.nanoTime();
    int sme = 1 + ThreadLocalRandom.current().nextInt(smes);
    Recorder.Call call = recorder.started("POST /api/v1/findings (" + batch + ", flat out)", now, now);
    http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/api/v1/findings").setIdleTimeout(60_000)
            .putHeader("authorization", "Bearer " + Seeder.credential(sme)).putHeader("content-type", "application/json"))
        .compose(r -> r.send(b).compose(resp -> resp.body().map(x -> resp.statusCode() == 200 ? null : resp.statusCode() + " " + x)))
        .onComplete(ar -> {
          call.done(ar.succeeded() ? ar.result() : ar.cause().toString());
          senderLoop(end, active);
        });
  }

  private void drain() throws InterruptedException {
    long start = System.nanoTime();
    long said = start;
    while (recorder.inFlight() > 0) {
      Thread.sleep(10);
      if (System.nanoTime() - said > 10_000_000_000L) {
        said = System.nanoTime();
        System.err.printf("  waiting %.0f s for answers: %s%n", (said - start) / 1e9, recorder.open());
      }
    }
  }

  // ---- measurements

  private record Snapshot(long nanos, double consoleCpu, double[] machine, double driverCpu, long findings, Map<String, Double> metrics) {
    JsonObject metricsDelta(Snapshot before) {
      double writes = metrics.getOrDefault("mamori_db_writes_total", 0.0) - before.metrics.getOrDefault("mamori_db_writes_total", 0.0);
      double commits = metrics.getOrDefault("mamori_db_commits_total", 0.0) - before.metrics.getOrDefault("mamori_db_commits_total", 0.0);
      return new JsonObject().put("writes", writes).put("commits", commits).put("writesPerCommit", commits == 0 ? 0 : Recorder.round(writes / commits));
    }
  }

  private Snapshot snapshot(long pid, Path run) throws Exception {
    long findings;
    try (Connection c = Sqlite.openReader(run.resolve("console.db"))) {
      findings = Jdbc.count(c, "SELECT COUNT(*) FROM findings");
    }
    Map<String, Double> metrics = new java.util.HashMap<>();
    String text = http.request(new RequestOptions().setAbsoluteURI(base + "/metrics")).compose(r -> r.send()).compose(r -> r.body())
        .await(60, TimeUnit.SECONDS).toString();
    for (String l : text.split("\n")) {
      if (!l.startsWith("#") && l.contains(" ")) {
        try {
          metrics.put(l.substring(0, l.lastIndexOf(' ')), Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
        } catch (NumberFormatException e) {
          // not a sample line
        }
      }
    }
    double driver = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    return new Snapshot(System.nanoTime(), Proc.cpuSeconds(pid), Proc.machineCpuSeconds(), driver, findings, metrics);
  }

  private static JsonObject cpu(Snapshot a, Snapshot b) {
    Proc.Cpu c = Proc.Cpu.between(a.consoleCpu(), b.consoleCpu(), a.machine(), b.machine(), a.nanos(), b.nanos());
    double driver = (b.driverCpu() - a.driverCpu()) / c.wall() * 100;
    return new JsonObject().put("consolePercentOfOneCore", Recorder.round(c.processPercentOfOneCore()))
        .put("driverPercentOfOneCore", Recorder.round(driver)).put("machineBusyPercent", Recorder.round(c.machineBusyPercent()));
  }

  // ---- report

  private static JsonObject verdict(JsonObject mixed) {
    JsonObject calls = mixed.getJsonObject("calls");
    JsonObject v = new JsonObject();
    boolean all = true;
    for (String q : QUERIES) {
      JsonObject s = calls.getJsonObject(q);
      boolean ok = s != null && s.getInteger("n") > 0 && s.getDouble("p95") < P95_TARGET_MS && s.getInteger("errors") == 0;
      v.put(q, ok);
      all &= ok;
    }
    boolean ingest = mixed.getDouble("findingsCommittedPerSecond") >= INGEST_TARGET && mixed.getDouble("lastIngestionAnswerAfterPeriodMs") < 2000;
    v.put("ingestion", ingest);
    return v.put("allMet", all && ingest);
  }

  static String markdown(JsonObject r) {
    StringBuilder b = new StringBuilder();
    JsonObject m = r.getJsonObject("mixed");
    JsonObject off = m.getJsonObject("offered");
    b.append(String.format("%nmixed phase: %d s; offered %.0f heartbeats/s, %d findings/s (batches of %d), %d advisors' calls/s%n",
        m.getInteger("seconds"), off.getDouble("heartbeatsPerSecond"), off.getInteger("findingsPerSecond"), off.getInteger("batch"),
        off.getInteger("advisorCallsPerSecond")));
    table(b, "call", m.getJsonObject("calls"));
    JsonObject cpu = m.getJsonObject("consoleCpu");
    b.append(String.format("%nfindings committed (counted in the database): %d = %.0f/s, last answer %.0f ms after the period; console CPU %.0f%% "
            + "of one core (machine busy %.0f%%, driver %.0f%%); writes per commit %.1f%n", m.getLong("findingsCommitted"),
        m.getDouble("findingsCommittedPerSecond"), m.getDouble("lastIngestionAnswerAfterPeriodMs"),
        cpu.getDouble("consolePercentOfOneCore"), cpu.getDouble("machineBusyPercent"), cpu.getDouble("driverPercentOfOneCore"),
        m.getJsonObject("database").getDouble("writesPerCommit")));
    JsonArray stalls = m.getJsonArray("secondsWithACallOver500Ms");
    b.append(String.format("seconds of the mixed phase with a call over 500 ms: %d of %d %s%n", stalls.size(), m.getInteger("seconds"),
        stalls.size() > 12 ? new JsonArray(stalls.getList().subList(0, 12)).encode() + "..." : stalls.encode()));
    JsonObject f = r.getJsonObject("flatOut");
    if (f != null) {
      JsonObject fc = f.getJsonObject("consoleCpu");
      b.append(String.format("%nflat out (%d s, %d senders): %.0f findings/s committed; console CPU %.0f%% of one core (machine busy %.0f%%)%n",
          f.getInteger("seconds"), f.getInteger("senders"), f.getDouble("findingsCommittedPerSecond"), fc.getDouble("consolePercentOfOneCore"),
          fc.getDouble("machineBusyPercent")));
      table(b, "call (flat out)", f.getJsonObject("calls"));
    }
    b.append(String.format("%nconsole peak RSS %.0f MiB; database %.0f MiB; load average %s at start, %s at end%n", r.getDouble("consolePeakRssMiB"),
        r.getDouble("dbMiB"), r.getJsonObject("machine").getJsonArray("loadAverageAtStart").encode(), r.getJsonArray("loadAverageAtEnd").encode()));
    b.append("targets: ").append(r.getJsonObject("verdict").encode()).append('\n');
    return b.toString();
  }

  private static void table(StringBuilder b, String title, JsonObject calls) {
    b.append("\n| ").append(title).append(" | n | p50 ms | p95 ms | p99 ms | max ms | errors |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (String label : calls.fieldNames().stream().sorted().toList()) {
      JsonObject s = calls.getJsonObject(label);
      b.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |%n", label, s.getInteger("n"), s.getDouble("p50"), s.getDouble("p95"),
          s.getDouble("p99"), s.getDouble("max"), s.getInteger("errors")));
    }
  }
}
