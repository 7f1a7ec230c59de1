package org.c2lab.train.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.c2lab.train.StoriesFixture;
import org.junit.jupiter.api.Test;

/** The tokenizer.json written by the llama2.c import, against the stories260K reference. */
class StoriesTokenizerTest {

  @Test
  void encodesTheReferencePromptsToTheirIds() throws Exception {
    try (TextTokenizer tok = TextTokenizer.open(StoriesFixture.modelDir())) {
      for (StoriesFixture.Case c : StoriesFixture.cases()) {
        if (!c.prompt().isEmpty()) {
          assertArrayEquals(c.promptIds(), tok.encode(c.prompt(), true), c.prompt());
        }
      }
      assertArrayEquals(new long[] {1}, tok.encode("", true));
    }
  }

  @Test
  void decodesTheReferenceOutputsToTheReferenceText() throws Exception {
    try (TextTokenizer tok = TextTokenizer.open(StoriesFixture.modelDir())) {
      for (StoriesFixture.Case c : StoriesFixture.cases()) {
        assertEquals(c.text(), tok.decode(c.outputTokens(), true), c.prompt());
      }
    }
  }

  @Test
  void reEncodingTheReferenceTextGivesItsTokens() throws Exception {
    try (TextTokenizer tok = TextTokenizer.open(StoriesFixture.modelDir())) {
      StoriesFixture.Case c = StoriesFixture.cases().get(1);
      long[] withBos = tok.encode(c.text(), true);
      long[] expected = new long[c.outputTokens().length + 1];
      expected[0] = 1;
      System.arraycopy(c.outputTokens(), 0, expected, 1, c.outputTokens().length);
      assertArrayEquals(expected, withBos);
    }
  }
}
