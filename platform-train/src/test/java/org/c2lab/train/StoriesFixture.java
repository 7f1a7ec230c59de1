package org.c2lab.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.train.llama2c.Llama2cImporter;

/**
 * The stories260K llama2.c model from ../shared and its greedy reference, imported once per JVM
 * into a temporary Hugging Face folder. Tests using it skip when ../shared is absent.
 */
public final class StoriesFixture {
  private static final String DIR = "models/stories260K/";
  private static Path imported;

  private StoriesFixture() {}

  /** One greedy case: prompt ids (starting with BOS), the steps run, what run.c printed. */
  public record Case(String prompt, int steps, long[] promptIds, long[] outputTokens, String text) {
    /** The tokens the model generated (output tokens after the forced prompt tokens). */
    public long[] generated() {
      return java.util.Arrays.copyOfRange(outputTokens, promptIds.length - 1, outputTokens.length);
    }
  }

  /** The model folder, imported on first use. */
  public static synchronized Path modelDir() {
    Path bin = SharedFixtures.require(DIR + "stories260K.bin");
    Path tok = SharedFixtures.require(DIR + "tok512.bin");
    if (imported == null) {
      try {
        Path tmp = Files.createTempDirectory("c2-stories260K-");
        Path out = tmp.resolve("stories260K");
        Llama2cImporter.convert(bin, tok, out);
        tmp.toFile().deleteOnExit();
        imported = out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return imported;
  }

  /** greedy-reference.json. */
  public static JsonNode reference() {
    try {
      return new ObjectMapper()
          .readTree(SharedFixtures.require(DIR + "greedy-reference.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reference's greedy cases. */
  public static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (JsonNode c : reference().get("cases")) {
      out.add(
          new Case(
              c.get("prompt").asText(),
              c.get("steps").asInt(),
              longs(c.get("prompt_ids")),
              longs(c.get("output_tokens")),
              c.get("text").asText()));
    }
    return out;
  }

  /** A JSON array of integers. */
  public static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  /** A JSON array of numbers as floats. */
  public static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }
}
