package org.c2lab.train.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.train.checkpoint.NativeTensors;
import org.c2lab.train.finetune.FineTunedModel;
import org.c2lab.train.lora.LoraAdapters;
import org.c2lab.train.lora.LoraConfig;
import org.c2lab.train.model.NativeWeights;
import org.c2lab.train.model.StoredTensor;
import org.c2lab.train.optim.Parameter;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.safetensors.SafetensorsFile;
import org.c2lab.train.safetensors.SafetensorsWriter;
import org.c2lab.train.safetensors.TensorInfo;

/**
 * Writes a fine-tuned model as a Hugging Face folder that our runtime, transformers and vLLM load:
 * the base folder's {@code config.json}, tokenizer and generation files, and its weights with the
 * same tensor names, dtypes and shard layout, trained values (full fine-tuning, or LoRA merged into
 * the base: {@code W + alpha/r B A}) narrowed to each tensor's original dtype and untouched tensors
 * copied byte for byte. Unmerged LoRA is written as a PEFT adapter ({@code adapter_model
 * .safetensors}, {@code adapter_config.json}) beside the tokenizer files. {@code provenance.json}
 * records how it was made.
 */
public final class HfExport {
  /** Provenance file name. */
  public static final String PROVENANCE = "provenance.json";

  /** Files copied from the base folder when present. */
  static final List<String> SIDE_FILES =
      List.of(
          "config.json",
          "generation_config.json",
          "tokenizer.json",
          "tokenizer_config.json",
          "special_tokens_map.json",
          "tokenizer.model",
          "chat_template.jinja");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HfExport() {}

  /**
   * Exports {@code model} into {@code out} (created; replaced files only).
   *
   * @param mergeLora with LoRA: merge into the base weights (true) or write a PEFT adapter
   * @param template the chat template trained with; written into tokenizer_config.json when the
   *     base folder has none, so evaluation renders prompts the same way
   */
  public static Path write(
      FineTunedModel model,
      Path out,
      boolean mergeLora,
      ChatTemplate template,
      Provenance provenance)
      throws IOException {
    Path base = model.base().dir();
    Files.createDirectories(out);
    for (String name : SIDE_FILES) {
      Path f = base.resolve(name);
      if (Files.exists(f)) {
        Files.copy(f, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    addTemplateIfMissing(out.resolve("tokenizer_config.json"), template);
    if (model.lora().isPresent() && !mergeLora) {
      writeAdapter(model.lora().get(), base, out);
    } else {
      writeWeights(model, base, out);
    }
    provenance.writeTo(out.resolve(PROVENANCE));
    return out;
  }

  private static void writeWeights(FineTunedModel model, Path base, Path out) throws IOException {
    Map<String, NDArray> trained = new LinkedHashMap<>();
    model.parameters().forEach(p -> trained.put(p.name(), p.value()));
    NDManager manager = model.base().manager();
    LoraAdapters lora = model.lora().orElse(null);
    Map<String, StoredTensor> layout = model.base().family().runtimeLayout(model.base().config());
    try (SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(base)) {
      Map<Path, SafetensorsWriter.Builder> files = new LinkedHashMap<>();
      for (String name : weights.names()) {
        Path file = weights.fileOf(name);
        SafetensorsWriter.Builder b =
            files.computeIfAbsent(
                file, f -> SafetensorsWriter.builder().metadata(metadata(weights, f)));
        TensorInfo info = weights.info(name);
        boolean adapted = lora != null && lora.adaptedWeights().contains(name);
        if (adapted) {
          // The base as the checkpoint stores it, widened to F32: not the live weight, which is
          // an F16 copy when the base trained in F16 (merging into it would round the base).
          b.add(
              name,
              info.dtype(),
              info.dims(),
              ch -> {
                try (NDScope scope = new NDScope();
                    NDArray w =
                        NativeWeights.load(weights, name, info.dims(), manager, DataType.FLOAT32)) {
                  scope.suppressNotUsedWarning();
                  NativeTensors.data(lora.merged(name, w), info.dtype()).writeTo(ch);
                }
              });
        } else if (layout.containsKey(name)
            && trained.containsKey(layout.get(name).pieces().get(0).runtimeName())) {
          // fused in the checkpoint, split (and rows reordered) at load: put back together
          StoredTensor stored = layout.get(name);
          b.add(
              name,
              info.dtype(),
              info.dims(),
              ch -> {
                try (NDScope scope = new NDScope()) {
                  scope.suppressNotUsedWarning();
                  NativeTensors.data(stored.assemble(trained), info.dtype()).writeTo(ch);
                }
              });
        } else if (trained.containsKey(name)) {
          b.add(
              name, info.dtype(), info.dims(), NativeTensors.data(trained.get(name), info.dtype()));
        } else {
          ByteBuffer raw = weights.slice(name);
          b.add(name, info.dtype(), info.dims(), raw);
        }
      }
      for (Map.Entry<Path, SafetensorsWriter.Builder> e : files.entrySet()) {
        e.getValue().write(out.resolve(e.getKey().getFileName()));
      }
    }
    Path index = base.resolve(SafetensorsCheckpoint.INDEX_FILE);
    if (Files.exists(index)) {
      Files.copy(index, out.resolve(index.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Map<String, String> metadata(SafetensorsCheckpoint weights, Path file) {
    for (SafetensorsFile f : weights.files()) {
      if (f.path().equals(file)) {
        return f.metadata().isEmpty() ? Map.of("format", "pt") : f.metadata();
      }
    }
    return Map.of("format", "pt");
  }

  private static void writeAdapter(LoraAdapters lora, Path base, Path out) throws IOException {
    SafetensorsWriter.Builder b = SafetensorsWriter.builder().metadata("format", "pt");
    List<Parameter> params = lora.parameters();
    List<String> weights = lora.adaptedWeights();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (int i = 0; i < weights.size(); i++) {
        Parameter a = params.get(2 * i);
        Parameter bp = params.get(2 * i + 1);
        // B's rows in the checkpoint's order (GLM's q/k rows are reordered at load)
        NDArray bRows = lora.checkpointB(weights.get(i));
        b.add(
            a.name(),
            DType.F32,
            a.value().getShape().getShape(),
            NativeTensors.data(a.value(), DType.F32));
        b.add(
            bp.name(),
            DType.F32,
            bp.value().getShape().getShape(),
            NativeTensors.data(bRows, DType.F32));
      }
      b.write(out.resolve("adapter_model.safetensors"));
    }
    LoraConfig c = lora.config();
    ObjectNode a = JSON.createObjectNode();
    a.put("peft_type", "LORA");
    a.put("task_type", "CAUSAL_LM");
    a.put("base_model_name_or_path", base.toAbsolutePath().toString());
    a.put("r", c.rank());
    a.put("lora_alpha", c.alpha());
    a.put("lora_dropout", c.dropout());
    lora.adaptedProjections().forEach(a.putArray("target_modules")::add);
    a.put("bias", "none");
    a.put("fan_in_fan_out", false);
    a.put("inference_mode", true);
    JSON.writeValue(out.resolve("adapter_config.json").toFile(), a);
  }

  private static void addTemplateIfMissing(Path tokenizerConfig, ChatTemplate template)
      throws IOException {
    if (template == null) {
      return;
    }
    ObjectNode tc =
        Files.exists(tokenizerConfig)
            ? (ObjectNode) JSON.readTree(tokenizerConfig.toFile())
            : JSON.createObjectNode();
    if (!tc.hasNonNull("chat_template")
        && !Files.exists(tokenizerConfig.resolveSibling("chat_template.jinja"))) {
      tc.put("chat_template", template.source());
      JSON.writeValue(tokenizerConfig.toFile(), tc);
    }
  }
}
