package org.c2lab.web.backend;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.c2lab.train.runtime.DjlLanguageModel;

/**
 * The {@link LocalRuntime} of this build: platform-train's {@link DjlLanguageModel} (DJL PyTorch,
 * batched sampling with a KV cache, scoring) on the CPU.
 */
@Factory
class LocalRuntimeFactory {
  @Singleton
  LocalRuntime localRuntime() {
    return DjlLanguageModel::open;
  }
}
