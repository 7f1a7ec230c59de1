package org.c2lab.eval.judge.llm;

import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.JudgeContract;
import org.c2lab.eval.openai.OpenAiTestServer;
import org.junit.jupiter.api.AfterEach;

/** The LLM judge passes the Judge contract against a real local chat endpoint. */
class LlmJudgeContractTest extends JudgeContract {
  private OpenAiTestServer server;
  private LlmJudge llm;

  @Override
  protected Judge createJudge() {
    server = RefusalRuleJudgeServer.start("Yes");
    llm = LlmJudge.open(LlmJudgeConfig.builder(RefusalRuleJudgeServer.client(server)).build());
    return llm;
  }

  @AfterEach
  void stop() {
    llm.close();
    server.close();
  }
}
