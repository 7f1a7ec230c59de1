package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.template.ChatMessage;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.RenderedPrompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./c2 template render}: the exact prompt text for [user, assistant prefix] with the turn
 * left open, or for [user] with a generation prompt when no prefix is given.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Print the exact prompt a model sees for a user turn and an assistant prefix.",
      "The assistant turn stays open after the prefix (continue_final_message); without"
          + " --assistant-prefix the prompt ends with the generation prompt."
    })
public class TemplateRenderCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin PromptOptions prompt;

  @Option(names = "--user", required = true, paramLabel = "TEXT", description = "User turn.")
  String user;

  @Option(
      names = "--assistant-prefix",
      paramLabel = "TEXT",
      description = "Start of the assistant turn, to be continued by the model.")
  String assistantPrefix;

  @Option(
      names = "--system",
      paramLabel = "TEXT",
      description = "System turn (default: the preset's default system prompt, if it has one).")
  String system;

  @Option(
      names = "--json",
      description =
          "Print {\"text\": ..., \"mode\": ..., \"template_id\": ..., \"template_sha256\": ...}.")
  boolean json;

  @Override
  public Integer call() {
    ModelPreset preset = prompt.preset();
    ChatTemplate template = prompt.template();
    List<ChatMessage> messages = new ArrayList<>();
    if (system != null) {
      messages.add(ChatMessage.system(system));
    }
    messages.add(ChatMessage.user(user));
    messages = preset.withDefaultSystemPrompt(messages);
    RenderedJson rendered;
    if (assistantPrefix == null) {
      if (prompt.referenceMode) {
        throw new IllegalArgumentException(
            "--reference-mode: needs --assistant-prefix (it only changes how a prefix is rendered)");
      }
      String text = template.renderGenerationPrompt(messages);
      rendered = new RenderedJson(text, "generation_prompt", template.id(), template.sha256());
    } else {
      messages.add(ChatMessage.assistant(assistantPrefix));
      rendered = RenderedJson.of(template.renderPrompt(messages, prompt.mode()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, rendered);
    } else {
      out.print(rendered.text());
      out.println();
      out.flush();
    }
    return 0;
  }

  /** The JSON shape of a rendered prompt. */
  record RenderedJson(String text, String mode, String template_id, String template_sha256) {
    static RenderedJson of(RenderedPrompt r) {
      return new RenderedJson(
          r.text(),
          r.mode().name().toLowerCase(java.util.Locale.ROOT),
          r.templateId(),
          r.templateSha256());
    }
  }
}
