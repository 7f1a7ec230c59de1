package org.c2lab.train.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} run by DJL's bundled native tokenizers library (works
 * offline). Unlike DJL's defaults, nothing is ever truncated or padded: DJL would otherwise cut
 * every text to 512 tokens. Whether special tokens (e.g. BOS) are added is the caller's explicit
 * choice on each call, so a chat template that already emits BOS does not get a second one.
 */
public final class TextTokenizer implements AutoCloseable {
  /** The file name inside a model folder. */
  public static final String FILE_NAME = "tokenizer.json";

  private final HuggingFaceTokenizer tokenizer;

  private TextTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Opens {@code tokenizer.json}, or the one inside {@code path} when it is a folder. */
  public static TextTokenizer open(Path path) throws IOException {
    Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
    if (!Files.exists(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    Map<String, String> options =
        Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true");
    try {
      return new TextTokenizer(HuggingFaceTokenizer.newInstance(file, options));
    } catch (RuntimeException e) {
      throw new IOException(file.getFileName() + ": cannot be loaded: " + e.getMessage(), e);
    }
  }

  /**
   * Token ids of {@code text}; {@code addSpecialTokens} adds what the post-processor says (BOS).
   */
  public long[] encode(String text, boolean addSpecialTokens) {
    return tokenizer.encode(text, addSpecialTokens, false).getIds();
  }

  /** Token strings of {@code text} (for diagnostics). */
  public String[] tokens(String text, boolean addSpecialTokens) {
    return tokenizer.encode(text, addSpecialTokens, false).getTokens();
  }

  /** The text of {@code ids}. */
  public String decode(long[] ids, boolean skipSpecialTokens) {
    return tokenizer.decode(ids, skipSpecialTokens);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
