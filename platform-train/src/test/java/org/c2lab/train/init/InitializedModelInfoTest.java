package org.c2lab.train.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.train.model.ModelFamilies;
import org.c2lab.train.model.ModelInfo;
import org.c2lab.train.safetensors.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelInfo} of models written by {@link ModelInitializer}. */
class InitializedModelInfoTest {
  @TempDir Path dir;

  private ModelInitializer.Result init(String family, TemplateChoice template) throws Exception {
    return ModelInitializer.write(
        InitSpec.builder()
            .family(ModelFamilies.byName(family))
            .shape(32, 2, 4, 2, 48)
            .maxPositions(128)
            .tokenizer(ModelInitializerTest.tokenizer(dir))
            .template(template)
            .dtype(DType.BF16)
            .out(dir.resolve("m"))
            .build());
  }

  @Test
  void describesFamilyParametersDtypesTemplateTokensFilesAndMemory() throws Exception {
    ModelInitializer.Result r = init("phi3", TemplateChoice.of(ModelPresets.get("llama2-chat-7b")));
    ModelInfo info = ModelInfo.read(r.dir(), 64, 2);
    assertEquals("phi3", info.family().name());
    assertEquals(r.parameters(), info.parameters());
    assertEquals(r.tensors(), info.tensors());
    assertEquals(Map.of("BF16", r.parameters()), info.parametersByDtype());
    assertEquals(40, info.tokenizerVocabSize());
    assertEquals("llama2", info.chatTemplate().id());
    assertTrue(info.chatTemplate().builtIn());
    assertEquals(64, info.chatTemplate().sha256().length());
    assertEquals("<s>", info.specialTokens().bosToken());
    assertEquals("</s>", info.specialTokens().eosToken());
    assertEquals(List.of(2), info.stopTokenIds());
    assertEquals(
        Files.size(r.dir().resolve("model.safetensors")), info.files().get("model.safetensors"));
    assertEquals(6, info.files().size());
    assertEquals(DataType.FLOAT32, info.cpu().type());
    assertEquals(4 * r.parameters(), info.cpu().weightsBytes());
    assertEquals(2 * r.parameters(), info.gpu().weightsBytes());
    assertEquals(64, info.cpu().context());
    assertEquals(2, info.gpu().batch());
  }

  @Test
  void aModelWithoutTemplateSaysNoneAndTheContextIsCappedAtTheModels() throws Exception {
    ModelInitializer.Result r = init("glm4", TemplateChoice.NONE);
    ModelInfo info = ModelInfo.read(r.dir(), ModelInfo.DEFAULT_CONTEXT, ModelInfo.DEFAULT_BATCH);
    assertNull(info.chatTemplate());
    assertEquals(128, info.cpu().context(), "min(2048, max_position_embeddings)");
    assertFalse(info.stopTokenIds().isEmpty());
  }

  @Test
  void anUnsupportedArchitectureIsDescribedWithoutAFamily() throws Exception {
    ModelInitializer.Result r = init("llama", TemplateChoice.NONE);
    Path config = r.dir().resolve("config.json");
    Files.writeString(
        config, Files.readString(config).replace("LlamaForCausalLM", "GPT2LMHeadModel"));
    ModelInfo info = ModelInfo.read(r.dir(), 16, 1);
    assertNull(info.family());
    assertEquals("GPT2LMHeadModel", info.config().architecture());
  }
}
