package jp.mamori.agent.patrol;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import jp.mamori.agent.Command;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.web.Patrol;
import jp.mamori.checks.web.PatrolOptions;
import jp.mamori.checks.web.SiteResolver;
import jp.mamori.checks.web.StaticResolver;
import jp.mamori.checks.web.SystemResolver;
import jp.mamori.common.Args;

/**
 * {@code check-site URL --state DIR --json [--ca-file PEM] [--max-pages N] [--iocs FILE] [--resolve "HOST=IP ..."]}:
 * one website patrol. stdout carries only the findings (a JSON array with --json); logs go to stderr.
 */
public final class CheckSiteCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse("check-site", argv, Set.of("json"), Set.of("state", "ca-file", "max-pages", "iocs", "resolve"));
    if (args.positionals().size() != 1) {
      throw new Args.UsageException("check-site: expected exactly one site URL, got " + args.positionals().size()
          + " (usage: check-site URL --state DIR --json [--ca-file PEM])");
    }
    URI site;
    try {
      site = Patrol.siteUrl(args.positionals().get(0));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException("check-site: " + e.getMessage());
    }
    Path state = Path.of(args.required("state"));
    if (Files.exists(state) && !Files.isDirectory(state)) {
      throw new Args.UsageException("check-site: --state " + state + " exists and is not a directory");
    }
    PatrolOptions options = PatrolOptions.defaults().withMaxPages(args.intOption("max-pages", 20, 1, 100));
    if (args.option("ca-file").isPresent()) {
      options = options.withTrust(readCerts(Path.of(args.option("ca-file").get())));
    }
    Path iocs = args.option("iocs").map(Path::of).orElseGet(() -> defaultIocs(state));
    if (args.option("iocs").isPresent() && !Files.isRegularFile(iocs)) {
      throw new Args.UsageException("check-site: --iocs " + iocs + " is not a readable file");
    }
    options = options.withIocFile(iocs);
    SiteResolver resolver = new SystemResolver();
    if (args.option("resolve").isPresent()) {
      try {
        List<String> specs = Arrays.stream(args.option("resolve").get().split("\\s+")).filter(s -> !s.isBlank()).toList();
        resolver = StaticResolver.parse(specs, resolver);
      } catch (IllegalArgumentException e) {
        throw new Args.UsageException("check-site: " + e.getMessage());
      }
    }
    Patrol.Result result = new Patrol(options, resolver, Clock.systemUTC()).run(site, state);
    List<Finding> findings = result.run().findings();
    if (args.flag("json")) {
      JsonArray a = new JsonArray();
      findings.forEach(f -> a.add(f.toJson()));
      out.println(a.encodePrettily());
    } else {
      for (Finding f : findings) {
        out.println(f.severity().wire() + "\t" + f.check() + "\t" + f.target() + "\t" + f.title().ja());
      }
    }
    err.println("check-site: " + site + ": " + findings.size() + " finding(s), " + result.pages() + " page view(s), "
        + result.requests() + " request(s)" + (result.recheckAfter() == null ? ""
            : "; outage seen once: run again in a few minutes to confirm it"));
    if (result.stateError() != null) {
      err.println("check-site: what this patrol learned was not saved in " + state + ": " + result.stateError().getMessage()
          + " (" + jp.mamori.common.DiskSpace.describe(state) + ")");
    }
    return 0;
  }

  /** The daemon keeps iocs.json in the data dir, one level above each site's state dir. */
  static Path defaultIocs(Path state) {
    Path here = state.resolve("iocs.json");
    if (Files.isRegularFile(here)) {
      return here;
    }
    Path parent = state.toAbsolutePath().getParent();
    return parent == null ? here : parent.resolve("iocs.json");
  }

  static List<X509Certificate> readCerts(Path pem) {
    if (!Files.isRegularFile(pem)) {
      throw new Args.UsageException("check-site: --ca-file " + pem + " is not a readable file");
    }
    try (InputStream in = Files.newInputStream(pem)) {
      List<X509Certificate> certs = new ArrayList<>();
      CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> certs.add((X509Certificate) c));
      if (certs.isEmpty()) {
        throw new Args.UsageException("check-site: --ca-file " + pem + " holds no PEM certificate");
      }
      return certs;
    } catch (CertificateException | IOException e) {
      throw new Args.UsageException("check-site: --ca-file " + pem + " is not a PEM certificate file: " + e.getMessage());
    }
  }
}
