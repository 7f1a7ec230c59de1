package org.c2lab.web.runs;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.eval.judge.JudgeSpec;
import org.c2lab.web.backend.ModelSpec;

/**
 * Checks a {@link RunRequest} before it is queued, so that a run fails in the form rather than
 * minutes later in its log: required parameters present, numbers parse and lie in range, choices
 * valid, files exist. Relative paths are resolved against the server's working directory (where
 * runs execute); a model may also be given by the name of a folder under {@code $C2_HOME/models}.
 */
public final class RunValidator {
  private final Path workingDir;
  private final Path modelsDir;
  private List<Path> pending = List.of();

  /**
   * @param workingDir where runs execute and relative paths resolve
   * @param modelsDir the model registry's folder ({@code $C2_HOME/models})
   */
  public RunValidator(Path workingDir, Path modelsDir) {
    this.workingDir = workingDir.toAbsolutePath();
    this.modelsDir = modelsDir.toAbsolutePath();
  }

  /**
   * The request's parameters as the child process receives them: validated, models given by name
   * resolved to their folder, training presets to their file, in form order.
   *
   * @throws RunValidationException naming the first offending parameter
   */
  public Map<String, String> validate(RunRequest request) {
    return validate(request, List.of());
  }

  /**
   * As {@link #validate(RunRequest)}, but a model, dataset or file inside one of {@code pending}
   * (the folders of the runs this one depends on) may not exist yet: its run will write it.
   */
  public synchronized Map<String, String> validate(RunRequest request, List<Path> pending) {
    this.pending = pending.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    RunKind kind = request.kind();
    for (String name : request.params().keySet()) {
      if (RunParameters.SERVER_CHOSEN.contains(name)) {
        throw new RunValidationException(
            name, "chosen by the server (runs write to their own folder and resume by themselves)");
      }
      if (RunParameters.find(kind, name).isEmpty()) {
        throw new RunValidationException(name, "not a parameter of " + kind.id());
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (ParameterSpec spec : RunParameters.of(kind)) {
      String raw = request.params().get(spec.name());
      String value = raw == null ? null : raw.trim();
      if (value == null || value.isEmpty()) {
        if (spec.required()) {
          throw new RunValidationException(spec.name(), "required");
        }
        continue;
      }
      String checked = check(kind, spec, value);
      if (checked != null) {
        out.put(spec.name(), checked);
      }
    }
    crossChecks(kind, out);
    return out;
  }

  private String check(RunKind kind, ParameterSpec spec, String value) {
    String name = spec.name();
    return switch (spec.type()) {
      case FLAG -> {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
          throw new RunValidationException(name, "expected true or false, got '" + value + "'");
        }
        yield v.equals("true") ? "true" : null;
      }
      case INTEGER -> {
        long n = integer(name, value);
        long min = name.equals("seed") ? Long.MIN_VALUE : 1;
        if (n < min || n > maxOf(name)) {
          throw new RunValidationException(
              name, "must be between " + min + " and " + maxOf(name) + ", got " + value);
        }
        yield Long.toString(n);
      }
      case DECIMAL -> decimal(name, value);
      case CHOICE -> {
        if (!spec.choices().contains(value)) {
          throw new RunValidationException(
              name, "'" + value + "' is not one of " + String.join(", ", spec.choices()));
        }
        yield name.equals("config") ? existing(name, "configs/" + value + ".json") : value;
      }
      case MODEL -> model(kind, name, value);
      case DATASET, PATH -> existing(name, value);
      case TEXT -> text(name, value);
    };
  }

  private static long maxOf(String name) {
    return switch (name) {
      case "samples" -> 10_000;
      case "lora-rank" -> 4096;
      case "epochs" -> 1000;
      case "seed" -> Long.MAX_VALUE;
      default -> 100_000_000;
    };
  }

  private static long integer(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new RunValidationException(name, "expected a whole number, got '" + value + "'");
    }
  }

  private static String decimal(String name, String value) {
    double d;
    try {
      d = new BigDecimal(value).doubleValue();
    } catch (NumberFormatException e) {
      throw new RunValidationException(name, "expected a number, got '" + value + "'");
    }
    boolean ok =
        switch (name) {
          case "beta", "lr", "lora-alpha" -> d > 0 && Double.isFinite(d);
          case "lora-dropout", "warmup-ratio" -> d >= 0 && d < 1;
          case "label-smoothing" -> d >= 0 && d < 0.5;
          default -> d >= 0 && Double.isFinite(d);
        };
    if (!ok) {
      throw new RunValidationException(name, "out of range: " + value);
    }
    return value;
  }

  private String text(String name, String value) {
    switch (name) {
      case "k" -> {
        for (String part : value.split(",", -1)) {
          long k = integer(name, part.trim());
          if (k < 1 || k > 10_000) {
            throw new RunValidationException(name, "each k must be between 1 and 10000");
          }
        }
        return value.replace(" ", "");
      }
      case "judge" -> {
        try {
          JudgeSpec.parse(value);
        } catch (IllegalArgumentException e) {
          throw new RunValidationException(name, e.getMessage());
        }
        if (value.startsWith("classifier:")) {
          existing(name, value.substring("classifier:".length()));
        }
        return value;
      }
      case "device" -> {
        if (!value.matches("cpu|cuda(:\\d{1,3})?")) {
          throw new RunValidationException(
              name, "expected cpu, cuda or cuda:N, got '" + value + "'");
        }
        return value;
      }
      case "template" -> {
        if (ModelPresets.find(value).isEmpty() && !value.matches("[A-Za-z0-9._-]{1,64}")) {
          throw new RunValidationException(name, "not a template id: '" + value + "'");
        }
        return value;
      }
      default -> {
        return value;
      }
    }
  }

  private String model(RunKind kind, String name, String value) {
    ModelSpec parsed;
    try {
      parsed = ModelSpec.parse(value);
    } catch (IllegalArgumentException e) {
      throw new RunValidationException(name, e.getMessage());
    }
    if (parsed instanceof ModelSpec.Remote) {
      if (kind == RunKind.SFT || kind == RunKind.DPO) {
        throw new RunValidationException(name, "training needs a local model folder");
      }
      return value;
    }
    Path dir = workingDir.resolve(value);
    if (!Files.isDirectory(dir) && value.matches("[A-Za-z0-9._-]+")) {
      dir = modelsDir.resolve(value); // a registered model by name
    }
    if (!Files.isRegularFile(dir.resolve("config.json")) && !isPending(dir)) {
      throw new RunValidationException(
          name, "no model folder (with config.json) at '" + value + "', and not PRESET@URL");
    }
    return dir.toString();
  }

  private String existing(String name, String value) {
    Path p = workingDir.resolve(value);
    if (!Files.exists(p) && !isPending(p)) {
      throw new RunValidationException(name, "no such file on the server: " + value);
    }
    return p.toString();
  }

  private boolean isPending(Path p) {
    Path n = p.toAbsolutePath().normalize();
    return pending.stream().anyMatch(n::startsWith);
  }

  private static void crossChecks(RunKind kind, Map<String, String> params) {
    if (params.containsKey("full")) {
      for (String lora : new String[] {"lora-rank", "lora-alpha", "lora-dropout"}) {
        if (params.containsKey(lora)) {
          throw new RunValidationException(lora, "full fine-tuning trains every weight: drop it");
        }
      }
    }
    if (kind == RunKind.SFT || kind == RunKind.DPO) {
      long max = Long.parseLong(params.getOrDefault("max-length", "512"));
      long prompt = Long.parseLong(params.getOrDefault("max-prompt-length", "256"));
      if (prompt >= max) {
        throw new RunValidationException(
            "max-prompt-length", "must be below max-length (" + max + "), got " + prompt);
      }
    }
    String model = params.get(RunParameters.modelParameter(kind));
    boolean remote = model != null && ModelSpec.parse(model) instanceof ModelSpec.Remote;
    if ((kind == RunKind.C2_EVAL || kind == RunKind.C2_SYN)
        && !remote
        && !params.containsKey("preset")) {
      throw new RunValidationException("preset", "required with a local model folder");
    }
  }
}
