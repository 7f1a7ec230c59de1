package org.c2lab.web.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.c2lab.core.model.Capabilities;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.model.Score;
import org.c2lab.core.model.ScoreRequest;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.backend.TokenCodec;

/**
 * The {@code logprobs} of a completion: one entry per token, the echoed prompt's first (when {@code
 * echo}), then the generated ones, then the end-of-text token when the model stopped on it, as vLLM
 * lists it, so that entries after the prompt match {@code usage.completion_tokens}.
 *
 * <p>Values come from the model's {@link org.c2lab.core.model.LanguageModel#score} of the listed
 * tokens (one extra forward pass; the SPI's generations carry no probabilities); the first prompt
 * token has none ({@code null}). Token texts and {@code text_offset}s come from decoding each
 * prefix with the tokenizer, so offsets stay exact where a token's text depends on its neighbours.
 */
final class TokenLogprobs {
  private static final String TOKEN_ID = "token_id:";

  private TokenLogprobs() {}

  /** Fails with a 400 before any work when the model cannot give log-probabilities. */
  static void requireSupported(ModelHandle handle) {
    Capabilities caps = handle.model().capabilities();
    if (handle.tokenizer().isEmpty() || !caps.tokenLevel() || !caps.scoring()) {
      throw ApiException.invalid(
          "logprobs",
          "model '"
              + handle.name()
              + "' cannot return log-probabilities here: that needs its tokenizer and token-level"
              + " scoring");
    }
  }

  /** The logprobs of one sample; {@link #requireSupported} has passed. */
  static Wire.Logprobs of(
      ModelHandle handle,
      EncodedPrompt prompt,
      Generation g,
      SamplingParams params,
      boolean echo,
      boolean tokenIdsAsTokens) {
    TokenCodec codec = handle.tokenizer().orElseThrow();
    int[] promptIds = prompt.ids();
    int[] generated = g.tokenIds() != null ? g.tokenIds() : codec.encode(g.text(), false);
    generated = withEndOfText(generated, g, params, codec);
    int[] listed = echo ? concat(promptIds, generated) : generated;

    List<Double> values = new ArrayList<>(listed.length);
    int[] context;
    int[] scored;
    if (echo) {
      context = Arrays.copyOf(promptIds, Math.min(1, promptIds.length));
      if (context.length == 1) {
        values.add(null); // the first token has no context
      }
      scored = Arrays.copyOfRange(listed, context.length, listed.length);
    } else {
      context = promptIds;
      scored = generated;
    }
    if (scored.length > 0) {
      ScoreRequest request = new ScoreRequest(Prompt.tokens(context), Prompt.tokens(scored));
      Score score = handle.model().score(List.of(request)).get(0);
      for (double v : score.tokenLogProbs()) {
        values.add(v);
      }
    }

    int[] before = echo ? new int[0] : promptIds;
    int base = echo ? 0 : prompt.text(handle).length();
    List<String> tokens = new ArrayList<>(listed.length);
    List<Integer> offsets = new ArrayList<>(listed.length);
    String previous = codec.decode(before);
    int offset = base;
    for (int i = 0; i < listed.length; i++) {
      int[] prefix = concat(before, Arrays.copyOf(listed, i + 1));
      String current = codec.decode(prefix);
      String piece =
          current.startsWith(previous)
              ? current.substring(previous.length())
              : codec.decode(new int[] {listed[i]});
      tokens.add(tokenIdsAsTokens ? TOKEN_ID + listed[i] : piece);
      offsets.add(offset);
      offset += piece.length();
      previous = current;
    }
    return new Wire.Logprobs(tokens, values, null, offsets);
  }

  /**
   * {@code generated} plus the end-of-text token when the model consumed it without returning it: a
   * STOP with one token more generated than returned, and no stop strings or stop ids that could
   * have been that token instead.
   */
  private static int[] withEndOfText(
      int[] generated, Generation g, SamplingParams params, TokenCodec codec) {
    boolean endedOnEos =
        g.finishReason() == FinishReason.STOP
            && g.timing().generatedTokens() == generated.length + 1
            && params.stopStrings().isEmpty()
            && params.stopTokenIds().isEmpty()
            && codec.endOfText().isPresent();
    return endedOnEos ? concat(generated, new int[] {codec.endOfText().getAsInt()}) : generated;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
