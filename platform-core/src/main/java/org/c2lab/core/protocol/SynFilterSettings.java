package org.c2lab.core.protocol;

import java.util.List;
import java.util.Properties;

/**
 * Which PKU-SafeRLHF training rows become C2-Syn requests: the prompt contains one of {@code
 * keywords} (case-sensitive substring, as in the reference: "somehow" contains "how"), an unsafe
 * response has more than {@code minWordsExclusive} whitespace words, and at most {@code limit} are
 * taken in file order. Defaults: how/what/How/What, 80, 50,000, de-duplication on.
 *
 * @param keywords substrings of which the prompt must contain one; non-empty
 * @param minWordsExclusive the harmful response needs strictly more words than this
 * @param limit how many requests to take at most, >= 1
 * @param deduplicatePrompts keep only the first accepted row of each prompt (the reference does not
 *     de-duplicate; set false to reproduce its selection)
 */
public record SynFilterSettings(
    List<String> keywords, int minWordsExclusive, int limit, boolean deduplicatePrompts) {

  public SynFilterSettings {
    keywords = List.copyOf(keywords);
    if (keywords.isEmpty() || keywords.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("keywords must be non-empty strings, got " + keywords);
    }
    if (minWordsExclusive < 0) {
      throw new IllegalArgumentException("minWordsExclusive must be >= 0: " + minWordsExclusive);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
  }

  /**
   * From properties {@code keywords} (comma-separated), {@code min_words_exclusive}, {@code limit},
   * {@code deduplicate_prompts}; {@code source} names the file.
   */
  public static SynFilterSettings fromProperties(Properties p, String source) {
    try {
      return new SynFilterSettings(
          ProtocolResources.requireList(p, "keywords", source),
          Integer.parseInt(ProtocolResources.require(p, "min_words_exclusive", source)),
          Integer.parseInt(ProtocolResources.require(p, "limit", source)),
          parseBoolean(ProtocolResources.require(p, "deduplicate_prompts", source), source));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** A copy with another limit. */
  public SynFilterSettings withLimit(int newLimit) {
    return new SynFilterSettings(keywords, minWordsExclusive, newLimit, deduplicatePrompts);
  }

  /** A copy with de-duplication on or off. */
  public SynFilterSettings withDeduplicatePrompts(boolean dedup) {
    return new SynFilterSettings(keywords, minWordsExclusive, limit, dedup);
  }

  private static boolean parseBoolean(String v, String source) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              source + ": deduplicate_prompts: expected true or false, got \"" + v + "\"");
    };
  }
}
