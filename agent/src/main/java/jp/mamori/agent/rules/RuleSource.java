package jp.mamori.agent.rules;

import jp.mamori.checks.lan.LanData;
import jp.mamori.checks.web.WebRules;

/** Where the checks take their rule data from: the console's verified copy, else the bundled one. */
public interface RuleSource {
  LanData lanData();

  WebRules webRules();

  /** Only the data bundled with this agent build. */
  RuleSource BUNDLED = new RuleSource() {
    @Override
    public LanData lanData() {
      return LanData.get();
    }

    @Override
    public WebRules webRules() {
      return WebRules.get();
    }
  };
}
