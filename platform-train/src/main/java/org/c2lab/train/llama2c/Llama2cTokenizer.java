package org.c2lab.train.llama2c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A llama2.c tokenizer file ({@code tokenizer.bin}, {@code tok512.bin}): int32 max token length,
 * then for every token a float32 score, an int32 byte length and the UTF-8 bytes. llama2.c's export
 * wrote each SentencePiece piece with {@code '▁'} replaced by a space and BOS/EOS as {@code
 * "\n<s>\n"} / {@code "\n</s>\n"}; {@link #pieces()} undoes both.
 *
 * @param maxTokenLength the header value
 * @param texts the token texts as stored
 * @param scores the SentencePiece scores
 */
public record Llama2cTokenizer(int maxTokenLength, List<String> texts, float[] scores) {
  /** SentencePiece's whitespace marker. */
  public static final String SPACE_MARKER = "\u2581";

  public Llama2cTokenizer {
    texts = List.copyOf(texts);
    scores = scores.clone();
    if (texts.size() != scores.length) {
      throw new IllegalArgumentException(texts.size() + " texts but " + scores.length + " scores");
    }
  }

  /** Reads {@code file}, which must hold exactly {@code vocabSize} tokens. */
  public static Llama2cTokenizer read(Path file, int vocabSize) throws IOException {
    String name = file.getFileName().toString();
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<String> texts = new ArrayList<>();
    float[] scores = new float[vocabSize];
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      int maxLen = b.getInt();
      for (int i = 0; i < vocabSize; i++) {
        scores[i] = b.getFloat();
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
          throw new IOException(name + ": token " + i + ": bad length " + len);
        }
        ByteBuffer bytes = b.slice().limit(len);
        b.position(b.position() + len);
        try {
          texts.add(decoder.decode(bytes).toString());
        } catch (CharacterCodingException e) {
          throw new IOException(name + ": token " + i + ": not valid UTF-8", e);
        }
      }
      if (b.hasRemaining()) {
        throw new IOException(
            name
                + ": "
                + b.remaining()
                + " bytes after token "
                + (vocabSize - 1)
                + "; the model's vocab_size "
                + vocabSize
                + " does not match this tokenizer");
      }
      return new Llama2cTokenizer(maxLen, texts, scores);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException(
          name + ": truncated after " + texts.size() + " of " + vocabSize + " tokens", e);
    }
  }

  /** The scores (a copy). */
  @Override
  public float[] scores() {
    return scores.clone();
  }

  /** Vocabulary size. */
  public int size() {
    return texts.size();
  }

  /** The SentencePiece pieces: spaces back to {@code '▁'}, BOS/EOS as {@code <s>}/{@code </s>}. */
  public List<String> pieces() {
    List<String> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      String p =
          switch (t) {
            case "\n<s>\n" -> "<s>";
            case "\n</s>\n" -> "</s>";
            default -> t.replace(" ", SPACE_MARKER);
          };
      out.add(p);
    }
    return out;
  }
}
