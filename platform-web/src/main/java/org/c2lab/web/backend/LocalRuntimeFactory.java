package org.c2lab.web.backend;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The {@link LocalRuntime} of this build. {@code platform-train} has a greedy-only decoder so far
 * and no sampling {@code LanguageModel} over its DJL runtime, so local folders are refused with a
 * clear message; remote {@code PRESET@URL} models work. When the DJL adapter lands, this method
 * returns it, e.g. {@code return DjlLanguageModel::open;}.
 */
@Factory
class LocalRuntimeFactory {
  /** Thrown for every local folder while the build has no sampling runtime. */
  static final String UNAVAILABLE =
      "local runtime not available in this build: platform-train has no sampling LanguageModel"
          + " yet; serve a remote model with --model PRESET@URL";

  @Singleton
  LocalRuntime localRuntime() {
    return dir -> {
      throw new UnsupportedOperationException(UNAVAILABLE + " (asked for " + dir + ")");
    };
  }
}
