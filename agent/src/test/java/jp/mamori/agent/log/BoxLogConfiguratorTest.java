package jp.mamori.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoxLogConfiguratorTest {

  private static String logged(String levelText) {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's service provider gives its own context
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      BoxLogConfigurator.install(context, levelText);
      context.getLogger("jp.mamori.agent.daemon.JobRunner").info("patrol: 3 finding(s)");
      context.getLogger("jp.mamori.agent.daemon.JobRunner").debug("patrol: details");
      context.getLogger("io.netty.channel.Nio").info("netty chatter");
      context.getLogger("io.vertx.core.impl.Whatever").warn("vert.x warns");
    } finally {
      System.setErr(stderr);
      context.stop();
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheBoxPatternToStderrAtInfoByDefaultAndQuietsTheLibraries() {
    String out = logged(null);
    assertThat(out.lines()).hasSize(2);
    assertThat(out.lines().findFirst().orElseThrow())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[JobRunner\\] "
            + "patrol: 3 finding\\(s\\)");
    assertThat(out).contains("WARN  [Whatever] vert.x warns").doesNotContain("netty chatter", "details");
  }

  @Test
  void takesTheLevelFromMamoriLogLevelInAnyCase() {
    assertThat(logged(" debug ")).contains("DEBUG [JobRunner] patrol: details").doesNotContain("netty chatter");
    assertThat(logged("WARN")).doesNotContain("finding(s)").contains("vert.x warns");
    assertThat(logged("")).contains("finding(s)").doesNotContain("details");
  }

  @Test
  void anUnknownLevelLogsAtInfoAndSaysWhichValueIsWrong() {
    String out = logged("loud");
    assertThat(out).contains("MAMORI_LOG_LEVEL='loud' is not a log level").contains("finding(s)")
        .doesNotContain("details");
    assertThat(BoxLogConfigurator.parseLevel("warning")).isNull();
    assertThat(BoxLogConfigurator.parseLevel("Error")).isEqualTo(Level.ERROR);
  }

  @Test
  void defersToTheTestsLogbackTestXml() {
    LoggerContext context = new LoggerContext();
    BoxLogConfigurator configurator = new BoxLogConfigurator();
    configurator.setContext(context);
    assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    // and the tests' own context did come from logback-test.xml (its pattern has no date)
    LoggerContext used = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    ConsoleAppender<?> appender = (ConsoleAppender<?>) used.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    assertThat(appender).isNotNull();
    assertThat(((ch.qos.logback.classic.encoder.PatternLayoutEncoder) appender.getEncoder()).getPattern())
        .startsWith("%d{HH:mm:ss.SSS}");
  }
}
