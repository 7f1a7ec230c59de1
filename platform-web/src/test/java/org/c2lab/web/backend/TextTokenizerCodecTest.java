package org.c2lab.web.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.c2lab.core.template.TokenizerConfig;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.train.llama2c.Llama2cImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codec a local model is served with, over the real stories260K tokenizer. */
class TextTokenizerCodecTest {
  @TempDir Path dir;

  @Test
  void encodesDecodesAndKnowsTheEndOfTextToken() throws Exception {
    Path model = SharedFixtures.require("models/stories260K/stories260K.bin");
    Path tokenizer = SharedFixtures.require("models/stories260K/tok512.bin");
    Path out = dir.resolve("stories260K");
    Llama2cImporter.convert(model, tokenizer, out);
    String eos =
        TokenizerConfig.read(out.resolve("tokenizer_config.json")).specialTokens().eosToken();
    try (TextTokenizerCodec codec = TextTokenizerCodec.open(out, eos)) {
      int[] plain = codec.encode("Once upon a time", false);
      int[] withBos = codec.encode("Once upon a time", true);
      assertEquals(plain.length + 1, withBos.length, "BOS only when asked for");
      assertEquals(1, withBos[0], "Llama-2's BOS id");
      assertTrue(plain.length > 1);
      assertEquals("Once upon a time", codec.decode(withBos));
      assertEquals(2, codec.endOfText().getAsInt(), "Llama-2's </s> id");
      assertArrayEquals(plain, codec.encode(codec.decode(plain), false));
    }
  }
}
