package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.c2lab.web.runs.ParameterSpec.Type;
import org.c2lab.web.runs.RunKind;
import org.junit.jupiter.api.Test;

class CommandLinesTest {
  @Test
  void writesTheKindsCommandThenEachValueInOrderWithFlagsOnlyWhenSet() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("model", "c2-data/models/llama2");
    values.put("beta", "0.1");
    values.put("full", "true");
    values.put("reference-free", "false");
    Map<String, Type> types =
        Map.of(
            "model",
            Type.MODEL,
            "beta",
            Type.DECIMAL,
            "full",
            Type.FLAG,
            "reference-free",
            Type.FLAG);
    assertEquals(
        "./c2 train dpo --model c2-data/models/llama2 --beta 0.1 --full",
        CommandLines.of(RunKind.DPO, values, types));
  }

  @Test
  void quotesWordsAShellWouldSplitOrExpand() {
    assertEquals("plain-word_1.json", CommandLines.quote("plain-word_1.json"));
    assertEquals("'two words'", CommandLines.quote("two words"));
    assertEquals("'$HOME'", CommandLines.quote("$HOME"));
    assertEquals("'it'\"'\"'s'", CommandLines.quote("it's"));
    assertEquals("''", CommandLines.quote(""));
    assertEquals(
        "./c2 eval c2 --model 'llama2-chat-7b@http://gpu box:8000/v1'",
        CommandLines.of(
            RunKind.C2_EVAL,
            Map.of("model", "llama2-chat-7b@http://gpu box:8000/v1"),
            Map.of("model", Type.MODEL)));
  }
}
