package org.c2lab.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.train.tokenizer.SentencePieceBpe;

/**
 * A 40-token SentencePiece BPE tokenizer.json with Llama's {@code <unk>}, {@code <s>}, {@code
 * </s>}.
 */
public final class TinyTokenizer {
  private TinyTokenizer() {}

  public static Path write(Path dir) throws IOException {
    List<String> pieces = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "\u2581"));
    for (char c = 'a'; c <= 'z'; c++) {
      pieces.add(String.valueOf(c));
    }
    pieces.addAll(List.of("\u2581a", "\u2581t", "th", "he", "in", "er", "an", "re", "on", "at"));
    float[] scores = new float[pieces.size()];
    for (int i = 30; i < scores.length; i++) {
      scores[i] = -i;
    }
    Path file = dir.resolve("tokenizer.json");
    new ObjectMapper()
        .writeValue(file.toFile(), new SentencePieceBpe(pieces, scores, 0, 1, 2).toTokenizerJson());
    return file;
  }
}
