package org.c2lab.eval.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.KeywordJudge;
import org.c2lab.eval.judge.classifier.ClassifierJudge;
import org.c2lab.eval.judge.llm.JudgePrompt;
import org.c2lab.eval.judge.llm.LlmJudge;
import org.c2lab.eval.judge.llm.LlmJudgeConfig;
import org.c2lab.eval.openai.OpenAiClientConfig;

/**
 * A judge named on the command line: {@code keyword}, {@code classifier:FILE} (a model saved by
 * {@code c2 judge train}) or {@code llm:URL#MODEL} (an OpenAI-compatible chat endpoint with the
 * paper's judge settings). {@link #parse} checks the syntax, {@link #open} builds the judge.
 *
 * <pre>{@code
 * Judge judge = JudgeSpec.parse("llm:http://gpu-box:8000/v1#gpt-4o").open(JudgeSpec.Options.DEFAULT);
 * }</pre>
 *
 * @param kind which judge
 * @param argument the model file or {@code URL#MODEL}; empty for {@code keyword}
 */
public record JudgeSpec(Kind kind, String argument) {
  /** The syntax, for error messages and help texts. */
  public static final String SYNTAX = "keyword | classifier:FILE | llm:URL#MODEL";

  /** What {@link #open} needs besides the spec. */
  public record Options(Path promptFile, String apiKeyEnv, Function<String, String> environment) {
    /**
     * No prompt override; the LLM judge's API key (if any) from {@code C2_JUDGE_API_KEY}. A
     * dedicated variable, so that a key meant for one provider is never sent to another server.
     */
    public static final Options DEFAULT = new Options(null, "C2_JUDGE_API_KEY", System::getenv);

    public Options {
      Objects.requireNonNull(environment, "environment");
    }

    /** These options with a judge prompt read from {@code file}. */
    public Options withPromptFile(Path file) {
      return new Options(file, apiKeyEnv, environment);
    }
  }

  /** The kinds of judge, each knowing how to build itself. */
  public enum Kind {
    /** The reference keyword detector. */
    KEYWORD("keyword") {
      @Override
      Judge open(String argument, Options options) {
        return KeywordJudge.reference();
      }
    },
    /** A Tribuo classifier saved by {@code c2 judge train}. */
    CLASSIFIER("classifier") {
      @Override
      Judge open(String argument, Options options) throws IOException {
        return ClassifierJudge.load(Path.of(argument));
      }
    },
    /** An LLM behind an OpenAI-compatible chat endpoint. */
    LLM("llm") {
      @Override
      Judge open(String argument, Options options) throws IOException {
        int hash = argument.lastIndexOf('#');
        OpenAiClientConfig.Builder client =
            OpenAiClientConfig.builder(argument.substring(0, hash), argument.substring(hash + 1));
        String keyEnv = options.apiKeyEnv();
        if (keyEnv != null && options.environment().apply(keyEnv) != null) {
          client.apiKeyEnv(keyEnv);
        }
        LlmJudgeConfig.Builder config = LlmJudgeConfig.builder(client.build());
        if (options.promptFile() != null) {
          config.prompt(JudgePrompt.fromFile(options.promptFile()));
        }
        return LlmJudge.open(config.build(), options.environment());
      }
    };

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    abstract Judge open(String argument, Options options) throws IOException;
  }

  public JudgeSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(argument, "argument");
    boolean wantsArgument = kind != Kind.KEYWORD;
    if (wantsArgument == argument.isBlank()) {
      throw new IllegalArgumentException(
          "judge '"
              + kind.prefix
              + "' "
              + (wantsArgument ? "needs" : "takes no")
              + " argument; use "
              + SYNTAX);
    }
    if (kind == Kind.LLM) {
      int hash = argument.lastIndexOf('#');
      if (hash <= 0 || hash == argument.length() - 1) {
        throw new IllegalArgumentException("llm judge needs URL#MODEL, got '" + argument + "'");
      }
    }
  }

  /**
   * Parses {@code keyword}, {@code classifier:FILE} or {@code llm:URL#MODEL}.
   *
   * @throws IllegalArgumentException naming the valid forms
   */
  public static JudgeSpec parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    String prefix = colon < 0 ? text : text.substring(0, colon);
    String argument = colon < 0 ? "" : text.substring(colon + 1);
    Kind kind =
        Arrays.stream(Kind.values())
            .filter(k -> k.prefix.equals(prefix))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("unknown judge '" + text + "'; use " + SYNTAX));
    return new JudgeSpec(kind, argument);
  }

  /**
   * Builds the judge. An LLM judge holds HTTP worker threads: close it (it is {@link
   * AutoCloseable}) when done.
   *
   * @throws IllegalArgumentException for a missing or unreadable model or prompt file
   */
  public Judge open(Options options) {
    try {
      return kind.open(argument, options);
    } catch (IOException e) {
      throw new UncheckedIOException(argument + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return argument.isEmpty() ? kind.prefix : kind.prefix + ":" + argument;
  }
}
