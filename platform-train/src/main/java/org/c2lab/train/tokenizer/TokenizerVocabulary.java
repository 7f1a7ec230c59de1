package org.c2lab.train.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The vocabulary of a {@code tokenizer.json}, read as JSON without running the tokenizer: its size
 * (one past the largest id, so added tokens count) and the id of each token. Reads the model's
 * {@code vocab} (an object for BPE/WordPiece/WordLevel, a list of {@code [piece, score]} for
 * Unigram) and {@code added_tokens}.
 *
 * @param ids token to id
 * @param specialTokens the added tokens marked {@code special}, in file order
 * @param size the vocabulary size a model needs for it
 */
public record TokenizerVocabulary(Map<String, Integer> ids, Set<String> specialTokens, int size) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public TokenizerVocabulary {
    ids = Collections.unmodifiableMap(new HashMap<>(ids));
    specialTokens = Collections.unmodifiableSet(new LinkedHashSet<>(specialTokens));
  }

  /** Reads {@code tokenizer.json}; errors name the file and what is wrong. */
  public static TokenizerVocabulary read(Path file) throws IOException {
    String name = file.getFileName().toString();
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(name + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(name + ": not a tokenizer.json (expected a JSON object)");
    }
    Map<String, Integer> ids = new HashMap<>();
    JsonNode vocab = root.path("model").path("vocab");
    if (vocab.isObject()) {
      vocab.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
    } else if (vocab.isArray()) {
      for (int i = 0; i < vocab.size(); i++) {
        ids.put(vocab.get(i).path(0).asText(), i);
      }
    } else {
      throw new IOException(name + ": model.vocab is missing (not a tokenizer.json?)");
    }
    Set<String> special = new LinkedHashSet<>();
    for (JsonNode t : root.path("added_tokens")) {
      String content = t.path("content").asText();
      ids.put(content, t.path("id").asInt());
      if (t.path("special").asBoolean(false)) {
        special.add(content);
      }
    }
    if (ids.isEmpty()) {
      throw new IOException(name + ": the vocabulary is empty");
    }
    int size = ids.values().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
    return new TokenizerVocabulary(ids, special, size);
  }

  /** The id of {@code token}, if the vocabulary has it. */
  public OptionalInt id(String token) {
    Integer id = ids.get(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }
}
