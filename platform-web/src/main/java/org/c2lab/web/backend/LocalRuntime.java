package org.c2lab.web.backend;

import java.io.IOException;
import java.nio.file.Path;
import org.c2lab.core.model.LanguageModel;

/**
 * Opens a local Hugging Face model folder as a {@link LanguageModel}: the seam between the
 * application and the model runtime of {@code platform-train}. The bean comes from {@link
 * LocalRuntimeFactory}.
 */
@FunctionalInterface
public interface LocalRuntime {
  /**
   * The model in {@code dir} ({@code config.json}, {@code *.safetensors}, {@code tokenizer.json}).
   *
   * @throws IOException if the folder cannot be read
   * @throws IllegalArgumentException if the folder is not a model this runtime can run
   */
  LanguageModel open(Path dir) throws IOException;
}
