package jp.mamori.agent.local;

import io.vertx.core.Future;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.daemon.JobRunner;
import jp.mamori.agent.health.BoxProblem;
import jp.mamori.agent.lan.ScopeProposal;
import jp.mamori.common.Database;

/** What the local pages need from the daemon. Before enrollment there is no {@link Running} part. */
public interface LocalBox {
  /** The parts of an enrolled, running box the pages use. */
  record Running(JobRunner runner, LocalRequests requests, RequestSender sender, ConsoleView view, Database db) {}

  AgentConfig agentConfig();

  Optional<Running> running();

  ZoneId zone();

  /** Enrolls with the console's token and starts the box's work; fails with the console's or the URL's error. */
  Future<AgentConfig> enroll(String consoleUrl, String token);

  /** The range proposed to the owner (blocking: reads the interfaces). */
  Optional<ScopeProposal.Proposal> proposal();

  /** Records the owner's answer about the proposed LAN range; {@code scope} must be the proposal they saw. */
  Future<AgentConfig> decideScope(boolean accept, String scope, String by);

  List<BoxProblem> problems();
}
