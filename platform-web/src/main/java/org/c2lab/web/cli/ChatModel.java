package org.c2lab.web.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.core.template.TokenizerConfig;
import org.c2lab.web.backend.ModelBackends;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.backend.ModelSpec;

/**
 * A model opened for a job, with the preset whose defaults (system prompt, stop tokens) the job
 * uses and, for a local folder with its own chat template, that folder's tokenizer_config.json.
 *
 * @param handle the opened model
 * @param presetId the preset id
 * @param tokenizerConfig the folder's tokenizer_config.json when it has a chat template, else null
 * @param precision what the provenance records as the model's numeric precision
 */
record ChatModel(ModelHandle handle, String presetId, Path tokenizerConfig, String precision)
    implements AutoCloseable {

  /**
   * Opens {@code spec}; the preset comes from {@code PRESET@URL}, or from {@code preset} for a
   * local folder (where it is required: a folder does not say which of the paper's models it is).
   */
  static ChatModel open(ModelBackends backends, String spec, String preset, String flag)
      throws IOException {
    ModelSpec parsed = ModelSpec.parse(spec);
    String presetId;
    Path tokenizerConfig = null;
    String precision;
    if (parsed instanceof ModelSpec.Remote remote) {
      presetId = preset != null ? preset : remote.preset().id();
      precision = "as served by " + remote.baseUrl();
    } else {
      if (preset == null) {
        throw new IllegalArgumentException(
            "--preset: required with a local model folder in "
                + flag
                + " (its defaults and, without a chat template in the folder, its template); one"
                + " of "
                + ModelPresets.ids());
      }
      presetId = preset;
      Path config = ((ModelSpec.Local) parsed).dir().resolve("tokenizer_config.json");
      if (Files.isRegularFile(config) && !TokenizerConfig.read(config).chatTemplates().isEmpty()) {
        tokenizerConfig = config;
      }
      precision = "local DJL runtime: F32 on CPU, F16 on CUDA";
    }
    ModelPresets.get(presetId); // fails early with the list of ids
    return new ChatModel(backends.open(spec), presetId, tokenizerConfig, precision);
  }

  @Override
  public void close() {
    handle.close();
  }
}
