package org.c2lab.train.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The sizes and token ids of a new model: what {@code model init} asks for. A {@link ModelFamily}
 * turns them into a full config with its own settings ({@link ModelFamily#newConfig}).
 *
 * @param hiddenSize model width
 * @param numHiddenLayers decoder layers
 * @param numAttentionHeads query heads
 * @param numKeyValueHeads key/value heads
 * @param intermediateSize MLP width
 * @param vocabSize vocabulary size
 * @param maxPositionEmbeddings longest sequence
 * @param bosTokenId beginning-of-sequence id, or null
 * @param eosTokenIds end-of-sequence ids
 * @param torchDtype {@code float32}, {@code float16} or {@code bfloat16}
 */
public record ModelDimensions(
    int hiddenSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int intermediateSize,
    int vocabSize,
    int maxPositionEmbeddings,
    Integer bosTokenId,
    List<Integer> eosTokenIds,
    String torchDtype) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelDimensions {
    eosTokenIds = List.copyOf(eosTokenIds);
    Objects.requireNonNull(torchDtype, "torchDtype");
  }

  /** The fields every family shares, as {@code config.json} names them (no architecture yet). */
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("hidden_size", hiddenSize);
    o.put("num_hidden_layers", numHiddenLayers);
    o.put("num_attention_heads", numAttentionHeads);
    o.put("num_key_value_heads", numKeyValueHeads);
    o.put("intermediate_size", intermediateSize);
    o.put("vocab_size", vocabSize);
    o.put("max_position_embeddings", maxPositionEmbeddings);
    if (bosTokenId != null) {
      o.put("bos_token_id", bosTokenId);
    }
    if (eosTokenIds.size() == 1) {
      o.put("eos_token_id", eosTokenIds.get(0));
    } else if (!eosTokenIds.isEmpty()) {
      eosTokenIds.forEach(o.putArray("eos_token_id")::add);
    }
    o.put("torch_dtype", torchDtype);
    o.put("hidden_act", "silu");
    return o;
  }
}
