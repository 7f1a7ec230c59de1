package org.c2lab.train.batch;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.train.tokenizer.TextTokenizer;

/**
 * Turns prompts and responses into token ids whose response part the loss covers. The whole
 * conversation is tokenized at once and the prompt alone; the response is what follows their common
 * prefix. (Tokenizing the two texts separately and concatenating, as TRL does, can differ from the
 * ids the model reads at the boundary, e.g. SentencePiece's prefix space.) Special tokens come only
 * from the chat template: the tokenizer adds none, so BOS is never doubled.
 */
public final class ResponseEncoder {
  private final Function<String, long[]> tokenizer;
  private final PromptFormat format;
  private final Truncation truncation;

  /** Encodes with a model's tokenizer, adding no special tokens of its own. */
  public ResponseEncoder(TextTokenizer tokenizer, PromptFormat format, Truncation truncation) {
    this(text -> tokenizer.encode(text, false), format, truncation);
  }

  ResponseEncoder(Function<String, long[]> tokenizer, PromptFormat format, Truncation truncation) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.format = Objects.requireNonNull(format, "format");
    this.truncation = Objects.requireNonNull(truncation, "truncation");
  }

  /** The truncation applied. */
  public Truncation truncation() {
    return truncation;
  }

  /** A pair, both responses after the same prompt ids, truncated together. */
  public TokenizedPair pair(PreferencePair pair) {
    int[] prompt = ints(tokenizer.apply(format.prompt(pair.prompt())));
    int[] chosen = ints(tokenizer.apply(format.conversation(pair.prompt(), pair.chosen())));
    int[] rejected = ints(tokenizer.apply(format.conversation(pair.prompt(), pair.rejected())));
    int split = Math.min(commonPrefix(prompt, chosen), commonPrefix(prompt, rejected));
    int[] p = Arrays.copyOf(chosen, split);
    int[] c = Arrays.copyOfRange(chosen, split, chosen.length);
    int[] r = Arrays.copyOfRange(rejected, split, rejected.length);
    int longest = Math.max(c.length, r.length);
    boolean truncated = p.length + longest > truncation.maxLength();
    if (truncated) {
      p = keepEnd(p);
      c = Arrays.copyOf(c, Math.min(c.length, truncation.maxLength() - p.length));
      r = Arrays.copyOf(r, Math.min(r.length, truncation.maxLength() - p.length));
    }
    return new TokenizedPair(
        sequence(p, c, pair.prompt()), sequence(p, r, pair.prompt()), truncated);
  }

  /** One prompt and response (supervised fine-tuning), truncated the same way. */
  public Encoded sequence(String userPrompt, String response) {
    int[] prompt = ints(tokenizer.apply(format.prompt(userPrompt)));
    int[] full = ints(tokenizer.apply(format.conversation(userPrompt, response)));
    int split = commonPrefix(prompt, full);
    int[] p = Arrays.copyOf(full, split);
    int[] r = Arrays.copyOfRange(full, split, full.length);
    boolean truncated = p.length + r.length > truncation.maxLength();
    if (truncated) {
      p = keepEnd(p);
      r = Arrays.copyOf(r, Math.min(r.length, truncation.maxLength() - p.length));
    }
    return new Encoded(sequence(p, r, userPrompt), truncated);
  }

  /**
   * An encoded prompt and response.
   *
   * @param sequence the ids
   * @param truncated whether {@link Truncation} shortened it
   */
  public record Encoded(TokenizedSequence sequence, boolean truncated) {}

  private int[] keepEnd(int[] prompt) {
    int keep = Math.min(prompt.length, truncation.maxPromptLength());
    return Arrays.copyOfRange(prompt, prompt.length - keep, prompt.length);
  }

  private static TokenizedSequence sequence(int[] prompt, int[] response, String text) {
    if (prompt.length == 0 || response.length == 0) {
      throw new IllegalArgumentException(
          "prompt '"
              + abbreviate(text)
              + "': the template leaves "
              + (prompt.length == 0 ? "no prompt" : "no response")
              + " tokens");
    }
    return new TokenizedSequence(prompt, response);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static int commonPrefix(int[] a, int[] b) {
    int n = Math.min(a.length, b.length);
    int i = 0;
    while (i < n && a[i] == b[i]) {
      i++;
    }
    return i;
  }

  private static int[] ints(long[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }
}
