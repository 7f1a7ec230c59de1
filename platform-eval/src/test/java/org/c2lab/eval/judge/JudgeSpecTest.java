package org.c2lab.eval.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.KeywordJudge;
import org.c2lab.eval.judge.llm.LlmJudge;
import org.junit.jupiter.api.Test;

class JudgeSpecTest {
  @Test
  void parsesEveryKind() {
    assertEquals(new JudgeSpec(JudgeSpec.Kind.KEYWORD, ""), JudgeSpec.parse("keyword"));
    assertEquals(
        new JudgeSpec(JudgeSpec.Kind.CLASSIFIER, "models/j.tribuo"),
        JudgeSpec.parse("classifier:models/j.tribuo"));
    JudgeSpec llm = JudgeSpec.parse("llm:http://127.0.0.1:8000/v1#gpt-4o");
    assertEquals(JudgeSpec.Kind.LLM, llm.kind());
    assertEquals("llm:http://127.0.0.1:8000/v1#gpt-4o", llm.toString());
  }

  @Test
  void badSpecsNameTheSyntax() {
    for (String bad :
        new String[] {"gpt", "classifier", "classifier:", "keyword:x", "llm:http://h"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> JudgeSpec.parse(bad), bad);
      assertTrue(e.getMessage().contains("URL#MODEL"), e.getMessage());
    }
  }

  @Test
  void opensKeywordAndLlmJudges() {
    assertInstanceOf(
        KeywordJudge.class, JudgeSpec.parse("keyword").open(JudgeSpec.Options.DEFAULT));
    JudgeSpec.Options noKey =
        new JudgeSpec.Options(null, "C2_JUDGE_API_KEY", Map.<String, String>of()::get);
    Judge judge = JudgeSpec.parse("llm:http://127.0.0.1:9/v1#judge-model").open(noKey);
    assertInstanceOf(LlmJudge.class, judge);
    assertEquals("llm:judge-model", judge.id());
    ((LlmJudge) judge).close();
  }

  @Test
  void aMissingClassifierFileIsReported() {
    Path missing = Path.of("no/such/model.tribuo");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> JudgeSpec.parse("classifier:" + missing).open(JudgeSpec.Options.DEFAULT));
    assertTrue(e.getMessage().contains("model.tribuo"), e.getMessage());
  }
}
