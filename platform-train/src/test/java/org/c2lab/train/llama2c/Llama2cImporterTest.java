package org.c2lab.train.llama2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.train.llama2c.Llama2cCheckpoint.Part;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Llama2cImporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static Path model() {
    return SharedFixtures.require("models/stories260K/stories260K.bin");
  }

  static Path tokenizer() {
    return SharedFixtures.require("models/stories260K/tok512.bin");
  }

  @Test
  void readsTheStories260kHeader() throws Exception {
    try (Llama2cCheckpoint c = Llama2cCheckpoint.open(model())) {
      Llama2cHeader h = c.header();
      assertEquals(new Llama2cHeader(64, 172, 5, 8, 4, 512, true, 512), h);
      assertEquals(8, h.headSize());
      assertEquals(32, h.kvDim());
      assertEquals(0, c.read(Part.WCLS).length);
    }
  }

  @Test
  void writesAHuggingFaceFolderWithPermutedQueryAndKeyRows() throws Exception {
    Path out = dir.resolve("stories260K");
    Llama2cImporter.Result r = Llama2cImporter.convert(model(), tokenizer(), out);
    assertEquals(47, r.tensors());
    assertEquals(Sha256.of(model()), r.modelSha256());

    ModelConfig config = ModelConfig.read(out.resolve("config.json"));
    assertEquals("LlamaForCausalLM", config.architecture());
    assertEquals(4, config.numKeyValueHeads());
    assertTrue(config.tieWordEmbeddings());
    assertEquals(1e-5, config.rmsNormEps());

    try (SafetensorsCheckpoint st = SafetensorsCheckpoint.open(out);
        Llama2cCheckpoint src = Llama2cCheckpoint.open(model())) {
      assertEquals(47, st.names().size());
      assertFalse(st.contains("lm_head.weight"), "tied embeddings are not duplicated");
      long params = st.names().stream().mapToLong(n -> st.info(n).elementCount()).sum();
      assertEquals(r.parameters(), params);
      assertArrayEquals(
          RotaryPermutation.interleavedToHalves(src.read(Part.WQ, 3), 8, 64),
          st.readFloats("model.layers.3.self_attn.q_proj.weight"));
      assertArrayEquals(
          RotaryPermutation.interleavedToHalves(src.read(Part.WK, 4), 4, 64),
          st.readFloats("model.layers.4.self_attn.k_proj.weight"));
      assertArrayEquals(src.read(Part.W1, 2), st.readFloats("model.layers.2.mlp.gate_proj.weight"));
      assertArrayEquals(src.read(Part.W2, 2), st.readFloats("model.layers.2.mlp.down_proj.weight"));
      assertArrayEquals(src.read(Part.W3, 2), st.readFloats("model.layers.2.mlp.up_proj.weight"));
      assertArrayEquals(src.read(Part.RMS_FINAL), st.readFloats("model.norm.weight"));
      assertEquals("pt", st.files().get(0).metadata().get("format"));
    }

    JsonNode prov = JSON.readTree(out.resolve(Llama2cImporter.PROVENANCE_FILE).toFile());
    assertEquals(Sha256.of(tokenizer()), prov.get("sources").get(1).get("sha256").asText());
    JsonNode gen = JSON.readTree(out.resolve("generation_config.json").toFile());
    assertEquals(1, gen.get("bos_token_id").asInt());
    JsonNode tokConfig = JSON.readTree(out.resolve("tokenizer_config.json").toFile());
    assertTrue(tokConfig.get("add_bos_token").asBoolean());
  }

  @Test
  void refusesANonEmptyOutputFolder() throws Exception {
    Path model = model(); // fixtures resolved outside the lambda, so that absent ones skip
    Path tokenizer = tokenizer();
    Files.writeString(dir.resolve("keep.txt"), "x");
    IOException e =
        assertThrows(IOException.class, () -> Llama2cImporter.convert(model, tokenizer, dir));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
  }

  @Test
  void truncatedCheckpointNamesTheFileAndTheSizes() throws Exception {
    Path cut = Files.copy(model(), dir.resolve("cut.bin"));
    try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 4);
    }
    IOException e = assertThrows(IOException.class, () -> Llama2cCheckpoint.open(cut));
    assertTrue(e.getMessage().startsWith("cut.bin: 1056536 bytes"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(truncated)"), e.getMessage());
  }

  @Test
  void tokenizerOfTheWrongVocabularySizeIsRejected() {
    Path tokenizer = tokenizer();
    IOException e = assertThrows(IOException.class, () -> Llama2cTokenizer.read(tokenizer, 500));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
  }

  @Test
  void tokenizerPiecesRestoreTheSentencePieceSpaceMarkerAndSpecials() throws Exception {
    Llama2cTokenizer t = Llama2cTokenizer.read(tokenizer(), 512);
    assertEquals("<s>", t.pieces().get(1));
    assertEquals("<0x0A>", t.pieces().get(13));
    assertEquals("\u2581t", t.pieces().get(259));
    assertEquals(" t", t.texts().get(259));
  }
}
