package org.c2lab.train.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.train.llama2c.Llama2cTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentencePieceBpeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static SentencePieceBpe tiny() {
    List<String> pieces = List.of("<unk>", "<s>", "</s>", "a", "b", "c", "bc", "ab", "abc");
    float[] scores = {0, 0, 0, 0, 0, 0, -1, -2, -3};
    return new SentencePieceBpe(pieces, scores, 0, 1, 2);
  }

  @Test
  void mergesAreEverySplitIntoTwoPiecesRankedByTheMergedPiecesScore() {
    List<String> merges = tiny().merges().stream().map(m -> m[0] + " " + m[1]).toList();
    // "abc" splits as a+bc (ids 3, 6) and ab+c (ids 7, 5): ordered by the left piece's id.
    assertEquals(List.of("b c", "a b", "a bc", "ab c"), merges);
  }

  @Test
  void tokenizerJsonHasLlamasNormalizerDecoderAndBosTemplate() {
    JsonNode j = tiny().toTokenizerJson();
    assertEquals("BPE", j.at("/model/type").asText());
    assertEquals("Prepend", j.at("/normalizer/normalizers/0/type").asText());
    assertEquals("Strip", j.at("/decoder/decoders/3/type").asText());
    assertEquals(1, j.at("/post_processor/special_tokens/<s>/ids/0").asInt());
    assertEquals(8, j.at("/model/vocab/abc").asInt());
    assertFalse(j.at("/model/byte_fallback").asBoolean(), "no <0xNN> tokens in this vocabulary");
  }

  /**
   * Meta's Llama-2 vocabulary in llama2.c format, converted, against its published tokenizer.json.
   */
  @Test
  void convertingLlama2sVocabularyReproducesItsPublishedTokenizerJson() throws Exception {
    SentencePieceBpe ours = llama2();
    JsonNode official =
        JSON.readTree(
            SharedFixtures.require("models/tokenizers/llama2-hf/tokenizer.json").toFile());
    JsonNode mine = ours.toTokenizerJson();
    // The published file spells four pieces of U+00A0 (no-break space) as plain spaces; the
    // SentencePiece model (and so llama2.c's export) has U+00A0. Everything else is identical.
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : iterable(mine.at("/model/vocab"))) {
      if (!official.at("/model/vocab").has(e.getKey())) {
        differing.add(e.getKey());
      } else {
        assertEquals(official.at("/model/vocab").get(e.getKey()).asInt(), e.getValue().asInt());
      }
    }
    assertEquals(4, differing.size(), differing.toString());
    differing.forEach(p -> assertTrue(p.contains("\u00a0"), p));
    JsonNode officialMerges = official.at("/model/merges");
    JsonNode myMerges = mine.at("/model/merges");
    assertEquals(officialMerges.size(), myMerges.size());
    for (int i = 0; i < myMerges.size(); i++) {
      assertEquals(
          officialMerges.get(i).asText(),
          myMerges.get(i).asText().replace('\u00a0', ' '),
          "merge " + i);
    }
    for (String section : new String[] {"normalizer", "decoder", "post_processor"}) {
      assertEquals(official.get(section), mine.get(section), section);
    }
  }

  private static SentencePieceBpe llama2() throws Exception {
    Llama2cTokenizer t =
        Llama2cTokenizer.read(
            SharedFixtures.require("models/tokenizers/llama2-sentencepiece/tokenizer.llama2c.bin"),
            32000);
    return new SentencePieceBpe(t.pieces(), t.scores(), 0, 1, 2);
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    return object::fields;
  }

  /** llama.cpp's tokenizer test vectors for Llama's SentencePiece vocabulary (expected: HF ids). */
  @Test
  void convertedLlama2TokenizerEncodesLlamaCppsTestVectorsLikeHuggingFace() throws Exception {
    Path tests = SharedFixtures.require("models/tokenizers/llama.cpp-vocab-tests");
    Path json = dir.resolve("tokenizer.json");
    JSON.writeValue(json.toFile(), llama2().toTokenizerJson());
    String[] inputs =
        Files.readString(tests.resolve("ggml-vocab-llama-spm.gguf.inp"))
            .split("\n__ggml_vocab_test__\n", -1);
    List<String> expected = Files.readAllLines(tests.resolve("ggml-vocab-llama-spm.gguf.out"));
    assertEquals(expected.size(), inputs.length - 1);
    try (TextTokenizer tok = TextTokenizer.open(json)) {
      for (int i = 0; i < expected.size(); i++) {
        long[] ids = tok.encode(inputs[i], false);
        StringBuilder got = new StringBuilder();
        for (long id : ids) {
          got.append(' ').append(id);
        }
        assertEquals(expected.get(i), got.toString(), "input " + i + ": '" + inputs[i] + "'");
      }
    }
  }
}
