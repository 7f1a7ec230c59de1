package org.c2lab.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotaryEmbeddingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ModelConfig config(String ropeScalingJson) throws Exception {
    ObjectNode j = (ObjectNode) JSON.readTree(ModelConfigTest.LLAMA31);
    j.set("rope_scaling", JSON.readTree(ropeScalingJson));
    return ModelConfig.fromJson(j);
  }

  @Test
  void defaultFrequenciesAreThetaToTheMinusTwoIOverD() throws Exception {
    float[] inv = RotaryEmbedding.inverseFrequencies(config("null"));
    assertEquals(64, inv.length);
    assertEquals(1.0f, inv[0]);
    assertEquals((float) Math.pow(500000.0, -2.0 / 128), inv[1], 1e-9f);
  }

  @Test
  void llama3ScalingKeepsHighFrequenciesDividesLowOnesAndSmoothsBetween() throws Exception {
    ModelConfig c = config(ModelConfigTest.LLAMA31.replaceAll("(?s).*(\\{\"factor.*?\\}).*", "$1"));
    float[] plain = RotaryEmbedding.inverseFrequencies(config("null"));
    float[] scaled = RotaryEmbedding.inverseFrequencies(c);
    // wavelength 2*pi/f: below 8192/4 unchanged, above 8192/1 divided by 8, smooth in between.
    for (int i = 0; i < plain.length; i++) {
      double wavelen = 2 * Math.PI / plain[i];
      if (wavelen < 2048) {
        assertEquals(plain[i], scaled[i], "i=" + i);
      } else if (wavelen > 8192) {
        assertEquals(plain[i] / 8, scaled[i], 1e-12, "i=" + i);
      } else {
        assertTrue(scaled[i] < plain[i] && scaled[i] > plain[i] / 8, "i=" + i);
      }
    }
  }

  @Test
  void linearScalingDividesEveryFrequency() throws Exception {
    float[] plain = RotaryEmbedding.inverseFrequencies(config("null"));
    float[] scaled =
        RotaryEmbedding.inverseFrequencies(config("{\"rope_type\": \"linear\", \"factor\": 4}"));
    assertEquals(plain[3] / 4, scaled[3]);
  }

  @Test
  void unsupportedRopeTypeIsRejectedByName() throws Exception {
    ModelConfig c = config("{\"rope_type\": \"yarn\", \"factor\": 4}");
    ConfigException e = assertThrows(ConfigException.class, () -> RotaryEmbedding.check(c));
    assertEquals("rope_scaling.rope_type", e.field());
    assertTrue(e.problem().contains("'yarn' is not supported"), e.getMessage());
  }

  @Test
  void llama3WithoutItsParametersNamesTheMissingOne() throws Exception {
    ModelConfig c = config("{\"rope_type\": \"llama3\", \"factor\": 8}");
    ConfigException e = assertThrows(ConfigException.class, () -> RotaryEmbedding.check(c));
    assertEquals("rope_scaling.low_freq_factor", e.field());
  }

  @Test
  void cosSinRepeatTheAnglesInBothHalvesOfTheHead() throws Exception {
    ModelConfig c = config("null");
    RotaryEmbedding.CosSin cs = RotaryEmbedding.cosSin(c, 3, 5);
    float[] inv = RotaryEmbedding.inverseFrequencies(c);
    assertEquals(2 * 128, cs.cos().length);
    assertEquals((float) Math.cos(4 * inv[5]), cs.cos()[128 + 5]);
    assertEquals((float) Math.sin(3 * inv[7]), cs.sin()[64 + 7]);
    assertEquals(1f, RotaryEmbedding.cosSin(c, 0, 1).cos()[10]);
  }

  /** Phi-3-mini-128k's shape: head 96, 48 pairs, 4096 -> 131072 positions. */
  private static ModelConfig phi3(String type, int factors) throws Exception {
    ObjectNode j = (ObjectNode) JSON.readTree(ModelConfigTest.LLAMA31);
    j.put("hidden_size", 3072);
    j.put("num_attention_heads", 32);
    j.put("num_key_value_heads", 32);
    j.put("rope_theta", 10000.0);
    j.put("original_max_position_embeddings", 4096);
    ObjectNode rs = j.putObject("rope_scaling");
    rs.put("type", type);
    var shortFactor = rs.putArray("short_factor");
    var longFactor = rs.putArray("long_factor");
    for (int i = 0; i < factors; i++) {
      shortFactor.add(1.0 + i / 100.0);
      longFactor.add(2.0 + i);
    }
    return ModelConfig.fromJson(j);
  }

  @Test
  void longRopeHasAShortRegimeUpToTheOriginalContextAndALongOneBeyond() throws Exception {
    ModelConfig c = phi3("longrope", 48);
    List<RotaryEmbedding.Regime> regimes = RotaryEmbedding.regimes(c);
    assertEquals(2, regimes.size());
    assertEquals(4096, regimes.get(0).maxLength());
    assertEquals(131072, regimes.get(1).maxLength());
    float expectedFactor = (float) Math.sqrt(1 + Math.log(32) / Math.log(4096));
    assertEquals(expectedFactor, regimes.get(0).attentionFactor(), 1e-7);
    assertEquals(expectedFactor, regimes.get(1).attentionFactor(), 1e-7);
    float base = (float) Math.pow(10000.0, (float) 2 * 5 / 96);
    assertEquals(1 / (1.05f * base), regimes.get(0).inverseFrequencies()[5], 1e-9);
    assertEquals(1 / (7f * base), regimes.get(1).inverseFrequencies()[5], 1e-9);
    assertEquals(regimes.get(0), RotaryEmbedding.regime(c, 4096));
    assertEquals(regimes.get(1), RotaryEmbedding.regime(c, 4097));
    RotaryEmbedding.CosSin cs = RotaryEmbedding.cosSin(c, 0, 1);
    assertEquals(expectedFactor, cs.cos()[0], 1e-7, "cos scaled by the attention factor");
  }

  @Test
  void suIsTheOldNameOfLongRopeAndFactorListsMustFitTheRotaryPairs() throws Exception {
    assertEquals(2, RotaryEmbedding.regimes(phi3("su", 48)).size());
    ConfigException e =
        assertThrows(ConfigException.class, () -> RotaryEmbedding.check(phi3("longrope", 47)));
    assertEquals("rope_scaling.short_factor", e.field());
    assertTrue(e.problem().contains("a list of 48 numbers"), e.problem());
  }

  @Test
  void partialRotaryTurnsOnlyTheLeadingDimensions() throws Exception {
    ObjectNode j = (ObjectNode) JSON.readTree(ModelConfigTest.LLAMA31);
    j.put("partial_rotary_factor", 0.5);
    j.put("rope_theta", 10000.0);
    j.putNull("rope_scaling");
    ModelConfig c = ModelConfig.fromJson(j);
    assertEquals(64, c.rotaryDim());
    float[] inv = RotaryEmbedding.inverseFrequencies(c);
    assertEquals(32, inv.length);
    assertEquals((float) Math.pow(10000.0, -2.0 / 64), inv[1], 1e-9f);
    assertEquals(3 * 64, RotaryEmbedding.cosSin(c, 0, 3).cos().length);
  }
}
