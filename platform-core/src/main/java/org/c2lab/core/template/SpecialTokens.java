package org.c2lab.core.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The special tokens a chat template can refer to ({@code bos_token}, {@code eos_token}, ...), as
 * strings. A null token means the tokenizer has none: the template then sees the variable as
 * undefined, as it does in transformers.
 *
 * @param bosToken beginning-of-sequence token, e.g. {@code <s>}, or null
 * @param eosToken end-of-sequence token, e.g. {@code </s>}, or null
 * @param unkToken unknown token, or null
 * @param padToken padding token, or null
 * @param additionalSpecialTokens {@code additional_special_tokens}, possibly empty
 */
public record SpecialTokens(
    String bosToken,
    String eosToken,
    String unkToken,
    String padToken,
    List<String> additionalSpecialTokens) {

  /** A tokenizer without special tokens. */
  public static final SpecialTokens NONE = new SpecialTokens(null, null, null, null, List.of());

  /** Copies the list so the record stays immutable. */
  public SpecialTokens {
    additionalSpecialTokens =
        additionalSpecialTokens == null ? List.of() : List.copyOf(additionalSpecialTokens);
  }

  /** Only BOS and EOS, the two tokens chat templates commonly use; either may be null. */
  public static SpecialTokens of(String bosToken, String eosToken) {
    return new SpecialTokens(bosToken, eosToken, null, null, List.of());
  }

  /** The template variables these tokens define, named as transformers names them. */
  Map<String, Object> asTemplateVariables() {
    Map<String, Object> vars = new LinkedHashMap<>();
    putIfPresent(vars, "bos_token", bosToken);
    putIfPresent(vars, "eos_token", eosToken);
    putIfPresent(vars, "unk_token", unkToken);
    putIfPresent(vars, "pad_token", padToken);
    if (!additionalSpecialTokens.isEmpty()) {
      vars.put("additional_special_tokens", additionalSpecialTokens);
    }
    return vars;
  }

  private static void putIfPresent(Map<String, Object> vars, String name, String token) {
    if (token != null) {
      vars.put(name, token);
    }
  }
}
