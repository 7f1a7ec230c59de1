package org.c2lab.train.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A SentencePiece BPE vocabulary (pieces with scores, byte fallback, Llama's {@code <unk>}, {@code
 * <s>}, {@code </s>}) turned into a Hugging Face {@code tokenizer.json} the way transformers'
 * {@code LlamaConverter} does: a BPE model whose merges are every split of a piece into two pieces,
 * ranked by the piece's score (ties by the ids of the two halves); normalizer "prepend ▁, spaces to
 * ▁"; decoder "▁ to space, byte fallback, fuse, strip one leading space"; BOS added in front. The
 * result reproduces Meta's published Llama-2 {@code tokenizer.json} (vocabulary and merge order).
 *
 * @param pieces the pieces by id
 * @param scores the pieces' scores by id
 * @param unkId id of {@code <unk>}
 * @param bosId id of {@code <s>}
 * @param eosId id of {@code </s>}
 */
public record SentencePieceBpe(
    List<String> pieces, float[] scores, int unkId, int bosId, int eosId) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPACE = "\u2581";

  public SentencePieceBpe {
    pieces = List.copyOf(pieces);
    scores = scores.clone();
    if (pieces.size() != scores.length) {
      throw new IllegalArgumentException(
          pieces.size() + " pieces but " + scores.length + " scores");
    }
    for (int id : new int[] {unkId, bosId, eosId}) {
      Objects.checkIndex(id, pieces.size());
    }
  }

  /** The scores (a copy). */
  @Override
  public float[] scores() {
    return scores.clone();
  }

  /**
   * Whether all 256 byte tokens {@code <0x00>..<0xFF>} exist, so unknown text falls back to bytes.
   */
  public boolean hasByteFallback() {
    Map<String, Integer> vocab = vocab();
    HexFormat hex = HexFormat.of().withUpperCase();
    for (int b = 0; b < 256; b++) {
      if (!vocab.containsKey("<0x" + hex.toHexDigits((byte) b) + ">")) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Integer> vocab() {
    Map<String, Integer> vocab = new HashMap<>();
    for (int i = 0; i < pieces.size(); i++) {
      vocab.putIfAbsent(pieces.get(i), i);
    }
    return vocab;
  }

  /**
   * The merges, best first: for each piece, every split into a left and right piece that are both
   * in the vocabulary (split at code points, as Python slices), ordered by descending score of the
   * merged piece, then by the ids of left and right. The special tokens count as score 0.
   */
  public List<String[]> merges() {
    Map<String, Integer> vocab = vocab();
    record Merge(String left, String right, float score, int leftId, int rightId) {}
    List<Merge> merges = new ArrayList<>();
    for (int id = 0; id < pieces.size(); id++) {
      String piece = pieces.get(id);
      if (vocab.get(piece) != id) {
        continue; // a duplicate piece: Python's dict keeps the first
      }
      float score = isSpecial(id) ? 0f : scores[id];
      int codePoints = piece.codePointCount(0, piece.length());
      for (int k = 1; k < codePoints; k++) {
        int cut = piece.offsetByCodePoints(0, k);
        Integer l = vocab.get(piece.substring(0, cut));
        Integer r = vocab.get(piece.substring(cut));
        if (l != null && r != null) {
          merges.add(new Merge(piece.substring(0, cut), piece.substring(cut), score, l, r));
        }
      }
    }
    merges.sort(
        Comparator.comparingDouble((Merge m) -> -m.score())
            .thenComparingInt(Merge::leftId)
            .thenComparingInt(Merge::rightId));
    return merges.stream().map(m -> new String[] {m.left(), m.right()}).toList();
  }

  private boolean isSpecial(int id) {
    return id == unkId || id == bosId || id == eosId;
  }

  /** The complete {@code tokenizer.json}. */
  public ObjectNode toTokenizerJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int id : new int[] {unkId, bosId, eosId}) {
      ObjectNode t = added.addObject();
      t.put("id", id);
      t.put("content", pieces.get(id));
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", true);
      t.put("special", true);
    }
    ArrayNode normalizers =
        root.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
    normalizers.addObject().put("type", "Prepend").put("prepend", SPACE);
    replace(normalizers.addObject(), " ", SPACE);
    root.putNull("pre_tokenizer");
    root.set("post_processor", postProcessor());
    ArrayNode decoders = root.putObject("decoder").put("type", "Sequence").putArray("decoders");
    replace(decoders.addObject(), SPACE, " ");
    decoders.addObject().put("type", "ByteFallback");
    decoders.addObject().put("type", "Fuse");
    decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.put("unk_token", pieces.get(unkId));
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", true);
    model.put("byte_fallback", hasByteFallback());
    ObjectNode vocab = model.putObject("vocab");
    for (int i = 0; i < pieces.size(); i++) {
      if (!vocab.has(pieces.get(i))) {
        vocab.put(pieces.get(i), i);
      }
    }
    ArrayNode merges = model.putArray("merges");
    for (String[] m : merges()) {
      merges.add(m[0] + " " + m[1]);
    }
    return root;
  }

  private static void replace(ObjectNode node, String pattern, String content) {
    node.put("type", "Replace");
    node.putObject("pattern").put("String", pattern);
    node.put("content", content);
  }

  private ObjectNode postProcessor() {
    String bos = pieces.get(bosId);
    ObjectNode p = JSON.createObjectNode().put("type", "TemplateProcessing");
    ArrayNode single = p.putArray("single");
    special(single, bos, 0);
    sequence(single, "A", 0);
    ArrayNode pair = p.putArray("pair");
    special(pair, bos, 0);
    sequence(pair, "A", 0);
    special(pair, bos, 1);
    sequence(pair, "B", 1);
    ObjectNode s = p.putObject("special_tokens").putObject(bos);
    s.put("id", bos);
    s.putArray("ids").add(bosId);
    s.putArray("tokens").add(bos);
    return p;
  }

  private static void special(ArrayNode seq, String token, int typeId) {
    seq.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
  }

  private static void sequence(ArrayNode seq, String id, int typeId) {
    seq.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
  }
}
