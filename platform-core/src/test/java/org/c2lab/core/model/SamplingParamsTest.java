package org.c2lab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingParamsTest {
  @Test
  void c2EvalPresetIsTheProtocolsDecoding() {
    SamplingParams p = SamplingParams.c2Eval();
    assertFalse(p.greedy());
    assertEquals(0.8, p.temperature());
    assertEquals(0.7, p.topP());
    assertEquals(32, p.maxNewTokens());
    assertEquals(0, p.topK());
  }

  @Test
  void rejectsInvalidDecoding() {
    SamplingParams.Builder b = SamplingParams.builder();
    assertThrows(IllegalArgumentException.class, () -> b.temperature(0).build());
    assertThrows(IllegalArgumentException.class, () -> b.temperature(-1).build());
    assertThrows(IllegalArgumentException.class, () -> b.temperature(Double.NaN).build());
    assertThrows(IllegalArgumentException.class, () -> SamplingParams.builder().topP(0).build());
    assertThrows(IllegalArgumentException.class, () -> SamplingParams.builder().topP(1.1).build());
    assertThrows(IllegalArgumentException.class, () -> SamplingParams.builder().topK(-1).build());
    assertThrows(IllegalArgumentException.class, () -> SamplingParams.greedy(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> SamplingParams.builder().stopStrings(List.of("")).build());
  }

  @Test
  void greedyNeedsNoTemperature() {
    SamplingParams g = SamplingParams.greedy(8);
    assertTrue(g.greedy());
    assertEquals(0.0, g.temperature());
    assertEquals(g, g.toBuilder().build());
  }

  @Test
  void requestNeedsOneSeedPerSample() {
    Prompt p = Prompt.text("x");
    SamplingParams s = SamplingParams.c2Eval();
    assertThrows(IllegalArgumentException.class, () -> new GenerationRequest(p, s, 2, List.of(1L)));
    assertThrows(IllegalArgumentException.class, () -> new GenerationRequest(p, s, 0, List.of()));
    assertEquals(3, GenerationRequest.of(p, s, 1, 2, 3).n());
  }

  @Test
  void tokenPromptsAreValuesAndCopied() {
    int[] ids = {1, 2, 3};
    TokenPrompt t = Prompt.tokens(ids);
    ids[0] = 99;
    assertEquals(Prompt.tokens(1, 2, 3), t);
    assertNotEquals(Prompt.tokens(1, 2), t);
    assertThrows(IllegalArgumentException.class, () -> Prompt.tokens(-1));
  }

  @Test
  void scoreRequestsPairLikeKindsAndNeedAContinuation() {
    assertThrows(
        IllegalArgumentException.class, () -> new ScoreRequest(Prompt.text("a"), Prompt.tokens(1)));
    assertThrows(
        IllegalArgumentException.class, () -> new ScoreRequest(Prompt.text("a"), Prompt.text("")));
  }

  @Test
  void generationsCannotReturnMoreTokensThanGenerated() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Generation(
                new int[] {1, 2}, "ab", FinishReason.STOP, new Generation.Timing(0, 1, 10)));
    Generation.Timing t = new Generation.Timing(5, 20, 2_000_000_000L);
    assertEquals(10.0, t.tokensPerSecond(), 1e-12);
    assertTrue(Double.isNaN(new Generation.Timing(-1, -1, 5).tokensPerSecond()));
  }
}
