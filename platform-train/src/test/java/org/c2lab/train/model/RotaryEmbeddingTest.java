package org.c2lab.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
