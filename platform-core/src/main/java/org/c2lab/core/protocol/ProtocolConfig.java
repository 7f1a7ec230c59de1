package org.c2lab.core.protocol;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Every constant a C2 run uses. {@link #defaults()} is the paper's protocol; {@link #builder()}
 * starts from it and replaces what a run overrides. A record, so provenance can serialise exactly
 * what was used.
 *
 * @param forceBeginPhrases compliant openings; non-empty, no blanks or duplicates (order matters:
 *     seeded choices index into it)
 * @param correctiveTriggers C2-Syn corrective triggers; same rules
 * @param kValues C2-Eval prefix lengths in words; distinct, >= 1
 * @param synPunctuation C2-Syn cut-point characters; distinct, no whitespace
 * @param decoding C2-Eval sampling defaults
 * @param synFilter C2-Syn request filter
 */
public record ProtocolConfig(
    List<String> forceBeginPhrases,
    List<String> correctiveTriggers,
    List<Integer> kValues,
    String synPunctuation,
    DecodingDefaults decoding,
    SynFilterSettings synFilter) {

  public ProtocolConfig {
    forceBeginPhrases = requireEntries(forceBeginPhrases, "forceBeginPhrases");
    correctiveTriggers = requireEntries(correctiveTriggers, "correctiveTriggers");
    kValues = List.copyOf(kValues);
    if (kValues.isEmpty()
        || kValues.stream().anyMatch(k -> k < 1)
        || new HashSet<>(kValues).size() != kValues.size()) {
      throw new IllegalArgumentException("kValues must be distinct and >= 1, got " + kValues);
    }
    Objects.requireNonNull(synPunctuation, "synPunctuation");
    if (synPunctuation.isEmpty()
        || synPunctuation.chars().anyMatch(Character::isWhitespace)
        || synPunctuation.chars().distinct().count() != synPunctuation.length()) {
      throw new IllegalArgumentException(
          "synPunctuation must be distinct non-whitespace characters, got \""
              + synPunctuation
              + "\"");
    }
    Objects.requireNonNull(decoding, "decoding");
    Objects.requireNonNull(synFilter, "synFilter");
  }

  /** The protocol as published, from the shipped resources. */
  public static ProtocolConfig defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  private static List<String> requireEntries(List<String> entries, String name) {
    List<String> copy = List.copyOf(entries);
    if (copy.isEmpty() || copy.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(name + " must be non-blank and non-empty, got " + copy);
    }
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new IllegalArgumentException(name + " must not repeat entries, got " + copy);
    }
    return copy;
  }

  /** Replaces any constant, from values or from files in the shipped formats. */
  public static final class Builder {
    private List<String> forceBeginPhrases = ProtocolResources.forceBeginPhrases();
    private List<String> correctiveTriggers = ProtocolResources.correctiveTriggers();
    private List<Integer> kValues = ProtocolResources.kValues();
    private String synPunctuation = ProtocolResources.synPunctuation();
    private DecodingDefaults decoding = ProtocolResources.decodingDefaults();
    private SynFilterSettings synFilter = ProtocolResources.synFilterSettings();

    private Builder() {}

    public Builder forceBeginPhrases(List<String> phrases) {
      this.forceBeginPhrases = phrases;
      return this;
    }

    /** Phrases from a list file (one per line, {@code #} comments). */
    public Builder forceBeginPhrases(Path file) throws IOException {
      return forceBeginPhrases(ProtocolResources.readList(file));
    }

    public Builder correctiveTriggers(List<String> triggers) {
      this.correctiveTriggers = triggers;
      return this;
    }

    /** Triggers from a list file (one per line, {@code #} comments). */
    public Builder correctiveTriggers(Path file) throws IOException {
      return correctiveTriggers(ProtocolResources.readList(file));
    }

    public Builder kValues(List<Integer> kValues) {
      this.kValues = kValues;
      return this;
    }

    /** k values from a list file (one integer per line). */
    public Builder kValues(Path file) throws IOException {
      return kValues(ProtocolResources.readInts(file));
    }

    /** Punctuation characters, e.g. {@code ",.!:;?-\"(){}[]"}. */
    public Builder synPunctuation(String characters) {
      this.synPunctuation = characters;
      return this;
    }

    /** Punctuation from a list file (one character per line). */
    public Builder synPunctuation(Path file) throws IOException {
      return synPunctuation(ProtocolResources.readChars(file));
    }

    public Builder decoding(DecodingDefaults decoding) {
      this.decoding = decoding;
      return this;
    }

    /** Decoding defaults from a properties file ({@code temperature, top_p, max_new_tokens}). */
    public Builder decoding(Path file) throws IOException {
      return decoding(
          DecodingDefaults.fromProperties(
              ProtocolResources.readProperties(file), file.getFileName().toString()));
    }

    public Builder synFilter(SynFilterSettings synFilter) {
      this.synFilter = synFilter;
      return this;
    }

    /** Syn filter settings from a properties file in the shipped format. */
    public Builder synFilter(Path file) throws IOException {
      return synFilter(
          SynFilterSettings.fromProperties(
              ProtocolResources.readProperties(file), file.getFileName().toString()));
    }

    public ProtocolConfig build() {
      return new ProtocolConfig(
          forceBeginPhrases, correctiveTriggers, kValues, synPunctuation, decoding, synFilter);
    }
  }
}
