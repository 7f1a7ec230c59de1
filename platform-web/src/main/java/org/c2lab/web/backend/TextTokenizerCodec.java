package org.c2lab.web.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import org.c2lab.train.tokenizer.TextTokenizer;

/**
 * A model folder's {@code tokenizer.json} (DJL's Hugging Face tokenizers) as a {@link TokenCodec}.
 */
final class TextTokenizerCodec implements TokenCodec {
  private final TextTokenizer tokenizer;
  private final OptionalInt endOfText;

  private TextTokenizerCodec(TextTokenizer tokenizer, String eosToken) {
    this.tokenizer = tokenizer;
    // The EOS string of tokenizer_config.json is one added token, so it encodes to exactly one id.
    long[] eos = eosToken == null ? new long[0] : tokenizer.encode(eosToken, false);
    this.endOfText =
        eos.length == 1 ? OptionalInt.of(Math.toIntExact(eos[0])) : OptionalInt.empty();
  }

  /**
   * Opens {@code dir/tokenizer.json}.
   *
   * @param eosToken the end-of-text token's text from {@code tokenizer_config.json}, or null
   */
  static TextTokenizerCodec open(Path dir, String eosToken) throws IOException {
    return new TextTokenizerCodec(TextTokenizer.open(dir), eosToken);
  }

  @Override
  public int[] encode(String text, boolean addSpecialTokens) {
    return Arrays.stream(tokenizer.encode(text, addSpecialTokens))
        .mapToInt(Math::toIntExact)
        .toArray();
  }

  @Override
  public String decode(int[] ids) {
    return tokenizer.decode(Arrays.stream(ids).asLongStream().toArray(), true);
  }

  @Override
  public OptionalInt endOfText() {
    return endOfText;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
