package org.c2lab.web.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.eval.c2eval.C2EvalConfig;
import org.c2lab.eval.synthesis.C2SynConfig;
import org.c2lab.web.runs.ParameterSpec.Type;

/**
 * The parameters each {@link RunKind} takes: the common options of {@code ./c2 eval c2}, {@code
 * ./c2 syn}, {@code ./c2 train sft} and {@code ./c2 train dpo}, named and defaulted as those
 * commands name and default them. Output and resume options are absent on purpose: the server
 * chooses {@code --out} and decides when to {@code --resume}.
 */
public final class RunParameters {
  /** Options a user may never set: the server chooses them. */
  public static final Set<String> SERVER_CHOSEN = Set.of("out", "resume", "runs", "json");

  /** The training presets in {@code configs/} that {@code config} may name. */
  public static final List<String> TRAINING_PRESETS = List.of("dpo-lora", "dpo-full", "sft-lora");

  private static final Map<RunKind, List<ParameterSpec>> SPECS =
      Map.of(
          RunKind.C2_EVAL, evalC2(),
          RunKind.C2_SYN, syn(),
          RunKind.SFT, sft(),
          RunKind.DPO, dpo());

  private RunParameters() {}

  /** The parameters of {@code kind}, in form order. */
  public static List<ParameterSpec> of(RunKind kind) {
    return SPECS.get(kind);
  }

  /** The parameter of {@code kind} named {@code name}, if it has one. */
  public static java.util.Optional<ParameterSpec> find(RunKind kind, String name) {
    return of(kind).stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * The parameter naming the model a kind runs: {@code generator} for C2-Syn, else {@code model}.
   */
  public static String modelParameter(RunKind kind) {
    return kind == RunKind.C2_SYN ? "generator" : "model";
  }

  private static List<ParameterSpec> evalC2() {
    List<ParameterSpec> p = new ArrayList<>();
    p.add(
        req(
            "model",
            Type.MODEL,
            "A local Hugging Face folder (or a registered model's name), or PRESET@URL."));
    p.add(preset("The model's preset (required for a local folder)."));
    p.add(req("data", Type.DATASET, "PKU-SafeRLHF file."));
    p.add(opt("limit", Type.INTEGER, "", "First N requests (default: all)."));
    p.add(opt("dedup", Type.FLAG, "false", "Skip repeated prompts (first occurrence wins)."));
    p.add(
        opt(
            "samples",
            Type.INTEGER,
            "" + C2EvalConfig.DEFAULT_SAMPLES_PER_K,
            "Sampled paths per (request, k)."));
    p.add(
        opt(
            "k",
            Type.TEXT,
            "10,20,30,40,50,60,70,80",
            "Prefix lengths in words, comma-separated (default: the protocol's 10..80)."));
    p.add(
        opt(
            "judge",
            Type.TEXT,
            "keyword",
            "keyword | classifier:FILE | llm:URL#MODEL (the LLM judge's key from C2_JUDGE_API_KEY)."));
    p.add(opt("judge-prompt", Type.PATH, "", "Override the LLM judge's prompt (llm: judges)."));
    p.add(opt("seed", Type.INTEGER, "0", "Run seed."));
    p.add(
        opt(
            "reference-mode",
            Type.FLAG,
            "false",
            "Render prompts as the reference code does (closes the turn for ChatML/Llama-3)."));
    p.add(
        opt(
            "batch-units",
            Type.INTEGER,
            "" + C2EvalConfig.DEFAULT_BATCH_UNITS,
            "(request, k) units per generate call."));
    return List.copyOf(p);
  }

  private static List<ParameterSpec> syn() {
    List<ParameterSpec> p = new ArrayList<>();
    p.add(
        req(
            "generator",
            Type.MODEL,
            "The aligned model that writes safe answers and corrections: a folder or PRESET@URL."));
    p.add(preset("The generator's preset (required for a local folder)."));
    p.add(req("data", Type.DATASET, "PKU-SafeRLHF training file."));
    p.add(opt("limit", Type.INTEGER, "", "First N kept requests."));
    p.add(opt("seed", Type.INTEGER, "0", "Run seed."));
    p.add(
        opt(
            "batch-requests",
            Type.INTEGER,
            "" + C2SynConfig.DEFAULT_BATCH_REQUESTS,
            "Requests per generate call."));
    p.add(
        opt(
            "reference-mode",
            Type.FLAG,
            "false",
            "Render prompts as the reference code does (closes the turn for ChatML/Llama-3)."));
    return List.copyOf(p);
  }

  private static List<ParameterSpec> sft() {
    List<ParameterSpec> p = new ArrayList<>();
    p.add(req("model", Type.MODEL, "Base model folder (Hugging Face layout)."));
    p.add(req("data", Type.DATASET, "{prompt, response} JSON Lines."));
    p.addAll(training());
    return List.copyOf(p);
  }

  private static List<ParameterSpec> dpo() {
    List<ParameterSpec> p = new ArrayList<>();
    p.add(req("model", Type.MODEL, "Base model folder (Hugging Face layout)."));
    p.add(
        req("pairs", Type.DATASET, "Preference pairs ({prompt, chosen, rejected}, e.g. C2-Syn)."));
    p.add(choice("loss", "sigmoid", "The preference loss.", List.of("sigmoid", "ipo", "hinge")));
    p.add(opt("beta", Type.DECIMAL, "0.1", "Temperature."));
    p.add(opt("label-smoothing", Type.DECIMAL, "0", "cDPO label smoothing, sigmoid only."));
    p.add(opt("rpo-alpha", Type.DECIMAL, "0", "Weight of an NLL term on chosen responses."));
    p.add(
        opt(
            "live-reference",
            Type.FLAG,
            "false",
            "Compute reference log-probs every step instead of caching them."));
    p.addAll(training());
    return List.copyOf(p);
  }

  private static List<ParameterSpec> training() {
    List<ParameterSpec> p = new ArrayList<>();
    p.add(
        choice(
            "config",
            "",
            "A training preset of configs/ (the protocol's defaults); options given here win.",
            TRAINING_PRESETS));
    p.add(
        opt(
            "template",
            Type.TEXT,
            "",
            "Built-in chat template instead of the model's own (e.g. llama2 for a base model)."));
    p.add(opt("full", Type.FLAG, "false", "Full fine-tuning of every weight instead of LoRA."));
    p.add(opt("lora-rank", Type.INTEGER, "16", "LoRA rank."));
    p.add(opt("lora-alpha", Type.DECIMAL, "32", "LoRA alpha."));
    p.add(opt("lora-dropout", Type.DECIMAL, "0.05", "LoRA dropout."));
    p.add(opt("lr", Type.DECIMAL, "", "Peak learning rate (default: 5e-5 LoRA, 5e-7 full)."));
    p.add(
        choice(
            "schedule", "linear", "Decay after warm-up.", List.of("constant", "linear", "cosine")));
    p.add(opt("warmup-ratio", Type.DECIMAL, "0.1", "Fraction of steps warming up."));
    p.add(opt("epochs", Type.INTEGER, "1", "Passes over the data."));
    p.add(opt("batch-size", Type.INTEGER, "4", "Examples per forward pass."));
    p.add(opt("grad-accum", Type.INTEGER, "1", "Forward passes per optimizer step."));
    p.add(opt("max-length", Type.INTEGER, "512", "Most tokens of prompt + response."));
    p.add(opt("max-prompt-length", Type.INTEGER, "256", "Prompt tokens kept when truncating."));
    p.add(opt("max-grad-norm", Type.DECIMAL, "1.0", "Global-norm clipping, 0 for none."));
    p.add(opt("weight-decay", Type.DECIMAL, "0", "AdamW's decoupled weight decay."));
    p.add(opt("seed", Type.INTEGER, "42", "Seed of data order, adapter init and dropout."));
    p.add(
        opt(
            "checkpoint-every",
            Type.INTEGER,
            "100",
            "Steps between checkpoints (a restarted server resumes from the newest)."));
    p.add(opt("device", Type.TEXT, "cpu", "cpu, cuda or cuda:N (one run at a time per GPU)."));
    p.add(
        choice(
            "base-dtype",
            "auto",
            "Dtype of the frozen LoRA base: auto = f16 on cuda (F32 adapters, loss scaling), f32 on"
                + " cpu.",
            List.of("auto", "f16", "f32")));
    p.add(
        opt(
            "no-merge",
            Type.FLAG,
            "false",
            "Export LoRA as a PEFT adapter instead of merging it into the weights."));
    return p;
  }

  private static ParameterSpec preset(String help) {
    return new ParameterSpec(
        "preset",
        Type.CHOICE,
        false,
        "",
        help,
        List.copyOf(new java.util.TreeSet<>(ModelPresets.ids())));
  }

  private static ParameterSpec req(String name, Type type, String help) {
    return new ParameterSpec(name, type, true, "", help, List.of());
  }

  private static ParameterSpec opt(String name, Type type, String defaultValue, String help) {
    return new ParameterSpec(name, type, false, defaultValue, help, List.of());
  }

  private static ParameterSpec choice(
      String name, String defaultValue, String help, List<String> choices) {
    return new ParameterSpec(name, Type.CHOICE, false, defaultValue, help, choices);
  }
}
