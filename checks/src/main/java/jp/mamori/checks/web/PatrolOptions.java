package jp.mamori.checks.web;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Limits and inputs of one patrol. The defaults keep a patrol polite and small enough for a 512 MB box.
 *
 * @param maxPages pages checked per patrol, the home page included (depth 1)
 * @param maxBodyBytes cap per response body, applied after gzip/deflate inflation
 * @param patrolDeadline a patrol stops fetching new pages after this
 * @param extraTrust trust anchors added to the JDK's (private CAs, tests)
 * @param iocFile the console-distributed IoC list, if present
 */
public record PatrolOptions(int maxPages, Duration connectTimeout, Duration readTimeout, Duration responseDeadline,
    int maxBodyBytes, Duration patrolDeadline, List<X509Certificate> extraTrust, Path iocFile) {

  public static final int MAX_REDIRECTS = 5;
  public static final int MAX_CONCURRENT = 2;

  public PatrolOptions {
    extraTrust = List.copyOf(extraTrust);
    if (maxPages < 1 || maxPages > 100) {
      throw new IllegalArgumentException("maxPages must be 1-100, got " + maxPages);
    }
  }

  public static PatrolOptions defaults() {
    return new PatrolOptions(20, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30),
        1024 * 1024, Duration.ofMinutes(5), List.of(), null);
  }

  public PatrolOptions withTrust(List<X509Certificate> certs) {
    return new PatrolOptions(maxPages, connectTimeout, readTimeout, responseDeadline, maxBodyBytes, patrolDeadline, certs,
        iocFile);
  }

  public PatrolOptions withMaxPages(int n) {
    return new PatrolOptions(n, connectTimeout, readTimeout, responseDeadline, maxBodyBytes, patrolDeadline, extraTrust,
        iocFile);
  }

  public PatrolOptions withIocFile(Path file) {
    return new PatrolOptions(maxPages, connectTimeout, readTimeout, responseDeadline, maxBodyBytes, patrolDeadline,
        extraTrust, file);
  }

  public PatrolOptions withTimeouts(Duration connect, Duration read, Duration deadline) {
    return new PatrolOptions(maxPages, connect, read, deadline, maxBodyBytes, patrolDeadline, extraTrust, iocFile);
  }

  public PatrolOptions withMaxBodyBytes(int bytes) {
    return new PatrolOptions(maxPages, connectTimeout, readTimeout, responseDeadline, bytes, patrolDeadline, extraTrust,
        iocFile);
  }
}
