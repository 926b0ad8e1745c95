package jp.mamori.agent.daemon;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.enroll.Enrollment;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.health.BoxProblem;
import jp.mamori.agent.lan.ScopeProposal;
import jp.mamori.agent.local.ConsoleView;
import jp.mamori.agent.local.Csrf;
import jp.mamori.agent.local.LocalBox;
import jp.mamori.agent.local.LocalRequests;
import jp.mamori.agent.local.LocalServer;
import jp.mamori.agent.local.LocalServerVerticle;
import jp.mamori.agent.local.LocalText;
import jp.mamori.agent.local.MdnsAnnouncer;
import jp.mamori.agent.local.RequestSender;
import jp.mamori.agent.outbox.Backoff;
import jp.mamori.agent.selfcheck.AttestationStore;
import jp.mamori.agent.selfcheck.SelfCheckJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole box: the local pages (and mDNS) from the first second, the enrolled work ({@link AgentVerticle})
 * as soon as there is a credential. An unenrolled box serves only the setup page; when the page enrolls it,
 * the work starts in the same process and the setup form closes.
 */
public final class BoxVerticle extends VerticleBase implements LocalBox {
  private static final Logger LOG = LoggerFactory.getLogger(BoxVerticle.class);

  private final Path configFile;
  private final Clock clock;
  private final Random random;
  private final BoxHealth health;
  private volatile AgentConfig config;
  private volatile AgentVerticle agent;
  private volatile Running running;
  private Path dataDir;
  /** The PCs' self-checks: one store (the page writes, the job reads) and one job sending them. */
  private AttestationStore attestations;
  private SelfCheckJob selfChecks;
  private LocalServerVerticle local;
  private MdnsAnnouncer mdns;
  /** Set while the page or the terminal's credential is being turned into the running work (two contexts ask). */
  private final AtomicBoolean enrolling = new AtomicBoolean();
  private long configWatch = -1;
  static final Duration CONFIG_POLL = Duration.ofSeconds(5);

  public BoxVerticle(AgentConfig config, Path configFile, Clock clock, Random random) {
    this(config, configFile, clock, random, new BoxHealth(clock));
  }

  /** {@code health}: the box's own problems (a full disk, say), which the work reports and the local pages show. */
  public BoxVerticle(AgentConfig config, Path configFile, Clock clock, Random random, BoxHealth health) {
    this.config = config;
    this.configFile = configFile;
    this.clock = clock;
    this.random = random;
    this.health = health;
  }

  @Override
  public Future<?> start() {
    dataDir = config.dataDir(configFile);
    attestations = new AttestationStore(dataDir);
    selfChecks = new SelfCheckJob(attestations, clock);
    boolean enrolled = config.get(AgentConfig.BOX_CREDENTIAL).isPresent();
    boolean pages = config.get(LocalServer.PORT).isPresent();
    if (!enrolled && !pages) {
      return Future.failedFuture(new IllegalStateException("this box is not enrolled (no " + AgentConfig.BOX_CREDENTIAL + " in "
          + configFile + ") and has no local pages (" + LocalServer.PORT + "): run 'sudo mamori-agent enroll --console URL --token TOKEN --config "
          + configFile + "' or set " + LocalServer.PORT));
    }
    // an enrolled box keeps checking and reporting without its pages (port taken, no capability); a new one needs them
    Future<?> up = !pages ? Future.succeededFuture() : startLocal().recover(e -> enrolled ? withoutLocalPages(e) : Future.failedFuture(e));
    return up.compose(v -> enrolled ? startAgent() : waitForEnrollment());
  }

  private Future<Void> startLocal() {
    int port = config.integer(LocalServer.PORT, 80, 0, 65535);
    String host = config.get(LocalServer.HOST).orElse("0.0.0.0");
    return vertx.executeBlocking(() -> {
      Files.createDirectories(dataDir);
      return Csrf.load(dataDir.resolve("local-secret"));
    }).compose(csrf -> {
      local = new LocalServerVerticle(host, port, attestations, clock, this::attested, this, csrf, hostNames(), health);
      return vertx.deployVerticle(local);
    }).compose(id -> {
      boolean every = host.equals("0.0.0.0");
      LOG.info("local pages on http://{}:{}/{}", every ? "127.0.0.1" : host, local.actualPort(), every ? " (every interface of this box)" : "");
      return config.bool(LocalServer.MDNS, false) ? announce(local.actualPort()) : Future.succeededFuture();
    });
  }

  private Future<Void> withoutLocalPages(Throwable e) {
    String port = config.get(LocalServer.PORT).orElse("?");
    health.report("local-pages", "port " + port, "local pages not started on port " + port + ": " + e.getMessage()
        + "; the box goes on checking and reporting without them",
        "ボックスのページ（ポート " + port + "）を開けませんでした。点検と連絡は続けています。相談窓口にお知らせください。",
        "The box's pages could not start on port " + port + "; checks and reports go on. Please tell the help desk.");
    local = null;
    return Future.succeededFuture();
  }

  /** mDNS failing is logged, never fatal: the page still answers on the box's address. */
  private Future<Void> announce(int port) {
    return vertx.executeBlocking(() -> {
      Optional<ScopeProposal.Proposal> lan = ScopeProposal.propose(ScopeProposal.system());
      if (lan.isEmpty()) {
        LOG.warn("no office network interface with a private address: not announcing {}.local", MdnsAnnouncer.HOST);
        return null;
      }
      InetAddress address = lan.get().boxAddress();
      mdns = MdnsAnnouncer.start(address, port, LocalText.t("ja", "app.name") + " (" + Enrollment.hostname() + ")");
      return null;
    }).recover(e -> {
      LOG.warn("mDNS announcement failed: {}", e.toString());
      return Future.succeededFuture();
    }).mapEmpty();
  }

  private Set<String> hostNames() {
    Set<String> names = new LinkedHashSet<>(List.of(MdnsAnnouncer.HOST + ".local", "localhost"));
    String host = Enrollment.hostname().toLowerCase(Locale.ROOT);
    names.add(host);
    names.add(host + ".local");
    config.list(LocalServer.HOST_NAMES).forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
    return names;
  }

  private Future<Void> waitForEnrollment() {
    LOG.info("this box is not enrolled yet: waiting for enrollment at http://{}.local/ (the setup page; or run "
        + "'sudo mamori-agent enroll'); no checks, heartbeat or delivery until then", MdnsAnnouncer.HOST);
    configWatch = vertx.setPeriodic(CONFIG_POLL.toMillis(), id -> enrolledFromTheTerminal());
    return Future.succeededFuture();
  }

  /** {@code sudo mamori-agent enroll} wrote a credential while this daemon waited: start without a restart. */
  private void enrolledFromTheTerminal() {
    if (enrolling.get() || running != null) {
      if (running != null) {
        vertx.cancelTimer(configWatch);
      }
      return;
    }
    vertx.executeBlocking(() -> AgentConfig.load(configFile)).onSuccess(loaded -> {
      if (loaded.get(AgentConfig.BOX_CREDENTIAL).isEmpty() || running != null || !enrolling.compareAndSet(false, true)) {
        return;
      }
      vertx.cancelTimer(configWatch);
      config = loaded;
      LOG.info("enrolled from the terminal: box {}; starting the checks", loaded.get(AgentConfig.BOX_ID).orElse("?"));
      startAgent().onComplete(ar -> {
        enrolling.set(false);
        if (ar.failed()) {
          LOG.error("the checks did not start after enrollment: {}", ar.cause().toString());
        }
      });
    });
  }

  private Future<Void> startAgent() {
    AgentVerticle a = new AgentVerticle(config, configFile, clock, random, health);
    return vertx.deployVerticle(a).compose(id -> {
      agent = a;
      ConsoleView view = new ConsoleView(vertx, a.db(), a.client(), clock);
      LocalRequests requests = new LocalRequests(clock);
      RequestSender sender = new RequestSender(vertx, a.db(), requests, a.client(),
          new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(2), random));
      if (local != null) {
        a.runner().schedule(selfChecks, Schedule.daily(List.of(LocalTime.of(18, 30)), config.patrolZone(), Duration.ofMinutes(10), random));
      }
      return view.load().map(v -> {
        running = new Running(a.runner(), requests, sender, view, a.db());
        sender.wake();
        view.refresh(Duration.ZERO, Duration.ZERO);
        return null;
      }).compose(v -> local == null ? Future.succeededFuture() : sendUnsentSelfChecks(a.runner()));
    });
  }

  /** A PC took the self-check: send it now when enrolled (before that it waits in the store). */
  private void attested() {
    Running r = running;
    if (r != null) {
      r.runner().runSoon(selfChecks);
    }
  }

  /**
   * Self-checks stored after the last sent one (taken before enrollment, or whose findings waited in memory on a
   * full disk when the power went) are sent at start rather than at the next daily run.
   */
  private Future<Void> sendUnsentSelfChecks(JobRunner runner) {
    return runner.lastWrittenRunStarted(SelfCheckJob.NAME).compose(sent -> vertx.executeBlocking(() -> selfChecks.unsentSince(sent)))
        .map(unsent -> {
          if (unsent) {
            LOG.info("self-checks not sent yet: sending them now");
            runner.runSoon(selfChecks);
          }
          return (Void) null;
        })
        .recover(e -> {
          LOG.error("could not look for unsent self-checks: {}", e.toString());
          return Future.succeededFuture();
        });
  }

  /** The local pages' port (-1 without local pages): {@code local.port = 0} picks a free one. */
  public int localPort() {
    return local == null ? -1 : local.actualPort();
  }

  // ---- LocalBox -----------------------------------------------------------------------------------

  @Override
  public AgentConfig agentConfig() {
    return config;
  }

  @Override
  public Optional<Running> running() {
    return Optional.ofNullable(running);
  }

  @Override
  public ZoneId zone() {
    return config.patrolZone();
  }

  @Override
  public Future<AgentConfig> enroll(String consoleUrl, String token) {
    if (running != null || config.get(AgentConfig.BOX_CREDENTIAL).isPresent()) {
      return Future.failedFuture(new IllegalStateException("this box is already enrolled"));
    }
    URI console;
    try {
      console = Enrollment.consoleBase(consoleUrl);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (!enrolling.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("this box is being enrolled right now"));
    }
    // the file as it is now: the terminal may have enrolled meanwhile, or someone edited a key
    return vertx.executeBlocking(() -> AgentConfig.load(configFile)).compose(before -> {
      if (before.get(AgentConfig.BOX_CREDENTIAL).isPresent()) {
        throw new IllegalStateException("this box was enrolled from the terminal meanwhile");
      }
      return Enrollment.enroll(vertx, console, before.consoleCaFile(), token, Enrollment.hostname(), before);
    })
        .compose(next -> vertx.executeBlocking(() -> {
          next.save(configFile);
          return next;
        }))
        .compose(next -> {
          config = next;
          LOG.info("enrolled from the setup page: box {} for {} ({}); starting the checks", next.get(AgentConfig.BOX_ID).orElse("?"),
              next.get(AgentConfig.SME_NAME).orElse("?"), next.get(AgentConfig.CHAMBER_NAME).orElse("?"));
          return startAgent().map(next);
        })
        .onComplete(ar -> {
          enrolling.set(false);
          if (ar.failed()) {
            LOG.warn("enrollment from the setup page failed: {}", ar.cause().getMessage());
          }
        });
  }

  @Override
  public Optional<ScopeProposal.Proposal> proposal() {
    Optional<String> explicit = config.get(LocalServer.SCOPE_PROPOSAL);
    if (explicit.isPresent()) {
      try {
        return Optional.of(ScopeProposal.explicit(explicit.get()));
      } catch (IllegalArgumentException e) {
        LOG.error("{} refused, proposing nothing: {}", LocalServer.SCOPE_PROPOSAL, e.getMessage());
        return Optional.empty();
      }
    }
    return ScopeProposal.propose(ScopeProposal.system());
  }

  @Override
  public Future<AgentConfig> decideScope(boolean accept, String scope, String by) {
    AgentVerticle a = agent;
    if (a == null) {
      return Future.failedFuture(new IllegalStateException("this box is not enrolled yet"));
    }
    return vertx.executeBlocking(() -> {
      AgentConfig next;
      String now = clock.instant().toString();
      if (accept) {
        Optional<ScopeProposal.Proposal> p = proposal();
        if (p.isEmpty() || !p.get().scope().toString().equals(scope)) {
          throw new IllegalArgumentException("the owner accepted " + scope + " but the box now proposes "
              + p.map(x -> x.scope().toString()).orElse("nothing"));
        }
        next = config.with(AgentConfig.LAN_SCOPE, scope).with(AgentConfig.LAN_SCOPE_CONSENTED_AT, now)
            .with(AgentConfig.LAN_SCOPE_CONSENTED_BY, by).with(AgentConfig.LAN_SCOPE_DECLINED_AT, null)
            .with(AgentConfig.LAN_SCOPE_DECLINED_BY, null);
      } else {
        next = config.with(AgentConfig.LAN_SCOPE, null).with(AgentConfig.LAN_SCOPE_CONSENTED_AT, null)
            .with(AgentConfig.LAN_SCOPE_CONSENTED_BY, null).with(AgentConfig.LAN_SCOPE_DECLINED_AT, now)
            .with(AgentConfig.LAN_SCOPE_DECLINED_BY, by);
      }
      next.save(configFile);
      return next;
    }).map(next -> {
      config = next;
      LOG.info(accept ? "LAN scope {} accepted by {} on the local page" : "LAN checks declined by {} on the local page{}",
          accept ? scope : by, accept ? by : "");
      a.lanScopeChanged(next);
      return next;
    });
  }

  @Override
  public List<BoxProblem> problems() {
    List<BoxProblem> out = new ArrayList<>();
    AgentVerticle a = agent;
    if (a != null && a.heartbeat() != null) {
      Heartbeat h = a.heartbeat();
      if (h.refused()) {
        out.add(new BoxProblem(BoxProblem.CREDENTIAL_REFUSED, LocalText.t("ja", "problem.refused"), LocalText.t("en", "problem.refused"),
            h.failingSince()));
      } else if (h.failingSince() != null) {
        String since = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").format(h.failingSince().atZone(zone()));
        out.add(new BoxProblem(BoxProblem.CONSOLE_UNREACHABLE, LocalText.t("ja", "problem.unreachable", since),
            LocalText.t("en", "problem.unreachable", since), h.failingSince()));
      }
    }
    for (BoxHealth.Problem p : health.problems()) {
      out.add(new BoxProblem(p.code(), p.ja(), p.en(), p.since()));
    }
    return out;
  }

  @Override
  public Future<?> stop() {
    Running r = running;
    if (r != null) {
      r.sender().stop();
    }
    if (mdns != null) {
      return vertx.executeBlocking(() -> {
        mdns.close();
        return null;
      }).recover(e -> Future.succeededFuture());
    }
    return Future.succeededFuture();
  }
}
