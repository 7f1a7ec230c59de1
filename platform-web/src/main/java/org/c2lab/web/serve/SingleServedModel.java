package org.c2lab.web.serve;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import org.c2lab.web.backend.ModelHandle;

/** {@code ./c2 model serve}: the one model the command opened, under its name. */
@Singleton
@Requires(beans = ModelHandle.class)
final class SingleServedModel implements ServedModels {
  private final ModelHandle handle;
  private final ServeOptions options;

  SingleServedModel(ModelHandle handle, ServeOptions options) {
    this.handle = handle;
    this.options = options;
  }

  @Override
  public ModelHandle model(String requested) {
    if (!handle.name().equals(requested)) {
      throw ApiException.unknownModel(requested);
    }
    return handle;
  }

  @Override
  public List<Wire.ModelCard> cards() {
    return List.of(
        new Wire.ModelCard(
            handle.name(), "model", Wire.now(), "c2", handle.model().capabilities().maxContext()));
  }

  @Override
  public int maxConcurrentRequests() {
    return options.maxConcurrentRequests();
  }
}
