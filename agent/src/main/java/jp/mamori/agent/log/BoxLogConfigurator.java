package jp.mamori.agent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * The box's log, configured in code: Joran and the XML parser a logback.xml needs are some 650 classes that would stay
 * resident for the daemon's life (README, "Memory budget"). Stderr only, because stdout carries the JSON of check-site
 * and scan-lan; journald keeps both. Registered in META-INF/services; an explicit configuration file (the tests'
 * logback-test.xml, or -Dlogback.configurationFile) wins.
 */
public final class BoxLogConfigurator extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%logger{0}] %msg%n";
  static final String LEVEL_VARIABLE = "MAMORI_LOG_LEVEL";
  private static final List<String> QUIET = List.of("io.netty", "io.vertx", "org.apache.hc");
  private static final List<String> CONFIGURATION_FILES = List.of("logback-test.xml", "logback.xml");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (explicitConfiguration()) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    install(context, System.getenv(LEVEL_VARIABLE));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private boolean explicitConfiguration() {
    if (System.getProperty("logback.configurationFile") != null) {
      return true;
    }
    ClassLoader loader = BoxLogConfigurator.class.getClassLoader();
    return CONFIGURATION_FILES.stream().anyMatch(name -> loader.getResource(name) != null);
  }

  /** Stderr appender with the box's pattern; {@code levelText} is MAMORI_LOG_LEVEL (null or blank: INFO). */
  static void install(LoggerContext context, String levelText) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    // not ConsoleAppender: its target enum lives in Joran's package and it probes for Jansi by reflection
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setEncoder(encoder);
    appender.setOutputStream(new Stderr());
    appender.start();

    Level level = parseLevel(levelText);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level == null ? Level.INFO : level);
    root.addAppender(appender);
    for (String name : QUIET) {
      context.getLogger(name).setLevel(Level.WARN);
    }
    if (level == null && levelText != null && !levelText.isBlank()) {
      context.getLogger(BoxLogConfigurator.class).warn("{}='{}' is not a log level (TRACE, DEBUG, INFO, WARN, ERROR, OFF);"
          + " logging at INFO", LEVEL_VARIABLE, levelText);
    }
  }

  /** The level named by {@code text} (any case, surrounding blanks ignored); null for null, blank or unknown. */
  static Level parseLevel(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String name = text.strip().toUpperCase(Locale.ROOT);
    Level level = Level.toLevel(name, null);
    return level != null && level.toString().equals(name) ? level : null;
  }

  /** The current System.err at each write, so a redirected System.err gets the log too. */
  private static final class Stderr extends OutputStream {
    @Override
    public void write(int b) {
      System.err.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.err.write(b, off, len);
    }

    @Override
    public void flush() {
      System.err.flush();
    }
  }
}
