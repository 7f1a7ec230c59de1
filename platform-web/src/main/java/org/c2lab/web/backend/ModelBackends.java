package org.c2lab.web.backend;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.PromptMode;
import org.c2lab.core.template.TokenizerConfig;
import org.c2lab.eval.openai.OpenAiClientConfig;
import org.c2lab.eval.openai.OpenAiLanguageModel;
import org.c2lab.eval.openai.PromptStrategy;
import org.c2lab.train.tokenizer.TextTokenizer;

/**
 * Opens the model a command names ({@link ModelSpec}): a local folder through the {@link
 * LocalRuntime}, with the folder's chat template and tokenizer; or a preset behind an
 * OpenAI-compatible endpoint through platform-eval's client, prompts rendered by the preset's
 * template and sent to {@code /v1/completions}. The caller closes the handle.
 */
@Singleton
public class ModelBackends {
  /**
   * The environment variable whose value, when set, is sent as the remote endpoint's API key. A
   * dedicated name, so that a key meant for one provider is never sent to another server.
   */
  public static final String REMOTE_API_KEY_ENV = "C2_MODEL_API_KEY";

  private final LocalRuntime localRuntime;

  public ModelBackends(LocalRuntime localRuntime) {
    this.localRuntime = localRuntime;
  }

  /**
   * Opens {@code spec} ({@code DIR} or {@code PRESET@URL[#NAME]}).
   *
   * @throws IllegalArgumentException for a malformed spec or a folder that is not a model
   */
  public ModelHandle open(String spec) throws IOException {
    return open(spec, System::getenv);
  }

  /**
   * Opens {@code spec} like {@link #open(String)}, but a remote endpoint gets {@code apiKey} (when
   * present) instead of {@code $C2_MODEL_API_KEY}: the lab server keeps each registered endpoint's
   * key itself. The key is sent only as the endpoint's bearer token and masked in messages.
   */
  public ModelHandle open(String spec, Optional<String> apiKey) throws IOException {
    return open(spec, name -> REMOTE_API_KEY_ENV.equals(name) ? apiKey.orElse(null) : null);
  }

  private ModelHandle open(String spec, Function<String, String> environment) throws IOException {
    ModelSpec parsed = ModelSpec.parse(spec);
    return parsed instanceof ModelSpec.Local local
        ? openLocal(local)
        : openRemote((ModelSpec.Remote) parsed, environment);
  }

  private ModelHandle openLocal(ModelSpec.Local spec) throws IOException {
    Path dir = spec.dir();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "no such model folder: " + dir + " (use " + ModelSpec.SYNTAX + ")");
    }
    Path config = dir.resolve("tokenizer_config.json");
    Optional<TokenizerConfig> tokenizerConfig =
        Files.isRegularFile(config) ? Optional.of(TokenizerConfig.read(config)) : Optional.empty();
    Optional<ChatTemplate> template =
        tokenizerConfig
            .filter(c -> !c.chatTemplates().isEmpty())
            .map(c -> ChatTemplate.fromTokenizerConfig(config));
    LanguageModel model = localRuntime.open(dir);
    try {
      Optional<TokenCodec> codec = Optional.empty();
      if (Files.isRegularFile(dir.resolve(TextTokenizer.FILE_NAME))) {
        String eos = tokenizerConfig.map(c -> c.specialTokens().eosToken()).orElse(null);
        codec = Optional.of(TextTokenizerCodec.open(dir, eos));
      }
      Path name = dir.toAbsolutePath().normalize().getFileName();
      return new ModelHandle(
          name == null ? dir.toString() : name.toString(), model, template, codec);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static ModelHandle openRemote(
      ModelSpec.Remote spec, Function<String, String> environment) {
    OpenAiClientConfig.Builder config =
        OpenAiClientConfig.builder(spec.baseUrl(), spec.servedName());
    if (environment.apply(REMOTE_API_KEY_ENV) != null) {
      config.apiKeyEnv(REMOTE_API_KEY_ENV);
    }
    ChatTemplate template = spec.preset().chatTemplate();
    LanguageModel model =
        OpenAiLanguageModel.open(
            config.build(),
            PromptStrategy.completions(template, PromptMode.CONTINUE_FINAL_MESSAGE),
            environment);
    return new ModelHandle(spec.preset().id(), model, Optional.of(template), Optional.empty());
  }
}
