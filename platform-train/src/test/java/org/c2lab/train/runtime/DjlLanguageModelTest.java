package org.c2lab.train.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.model.Score;
import org.c2lab.core.model.ScoreRequest;
import org.c2lab.train.RandomLlama;
import org.c2lab.train.StoriesFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter on stories260K: the BOS rule, stop ids from the model's files, the reference. */
class DjlLanguageModelTest {
  private static final int BOS = 1;
  private static DjlLanguageModel model;

  @BeforeAll
  static void load() throws Exception {
    model = DjlLanguageModel.open(StoriesFixture.modelDir());
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  private static Generation greedy(Prompt prompt, int tokens) {
    return model
        .generate(List.of(GenerationRequest.of(prompt, SamplingParams.greedy(tokens), 0)))
        .get(0)
        .get(0);
  }

  @Test
  void plainTextGetsTheBosTheTokenizerAdds() {
    PromptEncoder e = model.encoder();
    assertEquals(Optional.of("<s>"), e.bosToken());
    assertArrayEquals(
        new int[] {BOS, 403, 407, 261, 378}, e.encode(Prompt.text("Once upon a time")));
    assertArrayEquals(new int[] {BOS}, e.encode(Prompt.text("")));
  }

  @Test
  void textThatBeginsWithBosGetsNoSecondOne() {
    int[] ids = model.encoder().encode(Prompt.text("<s>Once upon a time"));
    assertEquals(BOS, ids[0]);
    assertTrue(ids.length > 1 && ids[1] != BOS, Arrays.toString(ids));
    assertEquals(1, Arrays.stream(ids).filter(id -> id == BOS).count());
  }

  @Test
  void tokenPromptsAreUsedAsGiven() {
    int[] ids = {BOS, BOS, 403};
    assertArrayEquals(ids, model.encoder().encode(Prompt.tokens(ids)));
  }

  @Test
  void greedyTextReproducesTheReferenceOutput() {
    StoriesFixture.Case c = StoriesFixture.cases().get(1); // "Once upon a time", 64 steps
    int newTokens = c.steps() - (c.promptIds().length - 1);
    Generation g = greedy(Prompt.text(c.prompt()), newTokens);
    assertArrayEquals(c.generated(), Arrays.stream(g.tokenIds()).asLongStream().toArray());
    assertEquals(c.text(), c.prompt() + g.text(), "the text keeps its leading space");
    assertEquals(FinishReason.LENGTH, g.finishReason());
    assertEquals(c.promptIds().length, g.timing().promptTokens());
  }

  @Test
  void generationStopsAtTheEndOfTextIdsOfConfigAndGenerationConfig() {
    assertEquals(Set.of(1, 2), model.endOfTextIds());
    // A story ends and the model starts the next one with BOS: that is a stop.
    Generation g = greedy(Prompt.text(""), 400);
    assertEquals(FinishReason.STOP, g.finishReason(), g.toString());
    assertTrue(Arrays.stream(g.tokenIds()).noneMatch(id -> id == 1 || id == 2));
    assertEquals(g.tokenIds().length + 1, g.timing().generatedTokens());
  }

  @Test
  void textScoresSplitWhereThePromptEnds() {
    Score text =
        model
            .score(List.of(new ScoreRequest(Prompt.text("Once upon"), Prompt.text(" a time"))))
            .get(0);
    Score tokens =
        model
            .score(List.of(new ScoreRequest(Prompt.tokens(BOS, 403, 407), Prompt.tokens(261, 378))))
            .get(0);
    assertEquals(tokens.sum(), text.sum(), 1e-6);
    assertEquals(2, text.tokens());
  }

  @Test
  void aFolderWithoutTokenizerIsRefused(@TempDir Path dir) throws Exception {
    Path m = RandomLlama.tiny().write(dir.resolve("m"), 1);
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> DjlLanguageModel.open(m));
    assertTrue(e.getMessage().endsWith("tokenizer.json"));
    assertTrue(Files.exists(m.resolve("config.json")));
  }

  @Test
  void aClosedModelRefusesWork() throws Exception {
    DjlLanguageModel m = DjlLanguageModel.open(StoriesFixture.modelDir());
    m.close();
    m.close();
    assertThrows(IllegalStateException.class, () -> m.generate(List.of()));
  }
}
