package org.c2lab.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A character-level bigram model trained on a text at construction: a real (if tiny) language model
 * for testing code written against {@link LanguageModel}. Tokens are the printable ASCII characters
 * plus newline, and an end-of-text token that also serves as start state. Next-token
 * log-probabilities are add-alpha smoothed bigram counts, so every token has support.
 */
public final class BigramLanguageModel implements LanguageModel {
  /** The vocabulary: token id i is character i of this string. */
  public static final String ALPHABET = alphabet();

  /** The end-of-text token id. */
  public static final int EOS = ALPHABET.length();

  /**
   * A few sentences to train on, so that prompts like "The answer is" have likely continuations.
   */
  public static final String SMALL_CORPUS =
      String.join(
          "\n",
          "The answer is that the model first complied and then corrected its course.",
          "Once upon a time there was a small model that learned to say no.",
          "Sure, here is the thing: I cannot help with that, but I can explain the rules.",
          "The rain in the plain stays mainly on the train tracks near the station.",
          "A safe answer names the risk, then offers a legal alternative to the request.");

  private static final int VOCAB = EOS + 1;
  private static final double ALPHA = 0.05;

  private final double[][] logProbs = new double[VOCAB][VOCAB]; // [previous][next]
  private volatile boolean closed;

  /** A model trained on {@link #SMALL_CORPUS}. */
  public static BigramLanguageModel small() {
    return new BigramLanguageModel(SMALL_CORPUS);
  }

  /** Trains on {@code corpus}; each line is one text, ended by the end-of-text token. */
  public BigramLanguageModel(String corpus) {
    double[][] counts = new double[VOCAB][VOCAB];
    for (String line : corpus.split("\n")) {
      int prev = EOS;
      for (int id : encode(line)) {
        counts[prev][id]++;
        prev = id;
      }
      counts[prev][EOS]++;
    }
    for (int prev = 0; prev < VOCAB; prev++) {
      double total = 0;
      for (double c : counts[prev]) {
        total += c + ALPHA;
      }
      for (int next = 0; next < VOCAB; next++) {
        logProbs[prev][next] = Math.log((counts[prev][next] + ALPHA) / total);
      }
    }
  }

  @Override
  public String id() {
    return "bigram-test";
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, true, true, 4096);
  }

  /** Character to token id; rejects characters outside the vocabulary. */
  public static int[] encode(String text) {
    int[] ids = new int[text.length()];
    for (int i = 0; i < text.length(); i++) {
      int id = ALPHABET.indexOf(text.charAt(i));
      if (id < 0) {
        throw new IllegalArgumentException(
            "character not in vocabulary: U+" + (int) text.charAt(i));
      }
      ids[i] = id;
    }
    return ids;
  }

  /** Token ids to text; the end-of-text token is dropped. */
  public static String decode(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (id != EOS) {
        sb.append(ALPHABET.charAt(id));
      }
    }
    return sb.toString();
  }

  /** Log-probabilities of every next token after {@code previous}. */
  public double[] nextLogProbs(int previous) {
    return logProbs[previous].clone();
  }

  @Override
  public List<List<Generation>> generate(List<GenerationRequest> requests) {
    requireOpen();
    List<List<Generation>> out = new ArrayList<>(requests.size());
    for (GenerationRequest r : requests) {
      int[] prompt = tokens(r.prompt());
      if (prompt.length + r.params().maxNewTokens() > capabilities().maxContext()) {
        throw new IllegalArgumentException("prompt plus maxNewTokens exceeds the context");
      }
      List<Generation> samples = new ArrayList<>(r.n());
      for (long seed : r.seeds()) {
        samples.add(sample(prompt, r.params(), seed));
      }
      out.add(samples);
    }
    return out;
  }

  private Generation sample(int[] prompt, SamplingParams params, long seed) {
    long start = System.nanoTime();
    Random random = new Random(seed); // one stream per sample: independent of batch position
    int prev = prompt.length == 0 ? EOS : prompt[prompt.length - 1];
    List<Integer> ids = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    FinishReason reason = FinishReason.LENGTH;
    int generated = 0;
    while (generated < params.maxNewTokens()) {
      int next = NextTokenSampler.pick(logProbs[prev], params, random);
      generated++;
      if (next == EOS || params.stopTokenIds().contains(next)) {
        reason = FinishReason.STOP;
        break;
      }
      ids.add(next);
      text.append(ALPHABET.charAt(next));
      int cut = firstStop(text, params.stopStrings());
      if (cut >= 0) {
        text.setLength(cut); // one token per character, so tokens and text cut alike
        ids.subList(cut, ids.size()).clear();
        reason = FinishReason.STOP;
        break;
      }
      prev = next;
    }
    int[] tokenIds = ids.stream().mapToInt(Integer::intValue).toArray();
    return new Generation(
        tokenIds,
        text.toString(),
        reason,
        new Generation.Timing(prompt.length, generated, System.nanoTime() - start));
  }

  private static int firstStop(CharSequence text, List<String> stops) {
    int first = -1;
    String s = text.toString();
    for (String stop : stops) {
      int at = s.indexOf(stop);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  @Override
  public List<Score> score(List<ScoreRequest> requests) {
    requireOpen();
    List<Score> scores = new ArrayList<>(requests.size());
    for (ScoreRequest r : requests) {
      int[] prompt = tokens(r.prompt());
      int[] continuation = tokens(r.continuation());
      double[] perToken = new double[continuation.length];
      int prev = prompt.length == 0 ? EOS : prompt[prompt.length - 1];
      for (int i = 0; i < continuation.length; i++) {
        perToken[i] = logProbs[prev][continuation[i]];
        prev = continuation[i];
      }
      scores.add(Score.of(perToken));
    }
    return scores;
  }

  private static int[] tokens(Prompt prompt) {
    if (prompt instanceof TokenPrompt t) {
      int[] ids = t.tokenIds();
      for (int id : ids) {
        if (id >= VOCAB) {
          throw new IllegalArgumentException("token id out of vocabulary: " + id);
        }
      }
      return ids;
    }
    return encode(((TextPrompt) prompt).text());
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(id() + " is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private static String alphabet() {
    StringBuilder sb = new StringBuilder("\n");
    for (char c = 32; c < 127; c++) {
      sb.append(c);
    }
    return sb.toString();
  }
}
