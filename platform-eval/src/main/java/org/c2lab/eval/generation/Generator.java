package org.c2lab.eval.generation;

import java.util.List;
import java.util.Objects;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.LanguageModel;

/**
 * Sends batches of text prompts to a {@link LanguageModel} and checks the answer before a job
 * stores anything: one list of {@code n} samples per request, and no sample that the backend
 * reports as failed or cancelled (storing those would bias the rates; failing lets a resumed run
 * redo the batch instead).
 */
public final class Generator {
  private final LanguageModel model;

  /**
   * @throws IllegalArgumentException when the model does not accept text prompts: the jobs render
   *     chat templates to text
   */
  public Generator(LanguageModel model) {
    this.model = Objects.requireNonNull(model, "model");
    if (!model.capabilities().textPrompts()) {
      throw new IllegalArgumentException(
          "model "
              + model.id()
              + " accepts only token prompts; C2 jobs render chat templates to text prompts");
    }
  }

  /** The model's id. */
  public String modelId() {
    return model.id();
  }

  /**
   * Generates {@code requests} in one call.
   *
   * @return per request, its samples in seed order
   * @throws GenerationFailedException when the backend returns the wrong number of samples or a
   *     sample that ended in {@link FinishReason#ERROR} or {@link FinishReason#CANCELLED}
   */
  public List<List<Generation>> generate(List<GenerationRequest> requests) {
    List<List<Generation>> out = model.generate(requests);
    if (out.size() != requests.size()) {
      throw new GenerationFailedException(
          model.id() + " answered " + out.size() + " of " + requests.size() + " requests");
    }
    for (int i = 0; i < out.size(); i++) {
      List<Generation> samples = out.get(i);
      if (samples.size() != requests.get(i).n()) {
        throw new GenerationFailedException(
            model.id()
                + " returned "
                + samples.size()
                + " samples for a request of "
                + requests.get(i).n());
      }
      for (Generation g : samples) {
        if (g.finishReason() == FinishReason.ERROR || g.finishReason() == FinishReason.CANCELLED) {
          throw new GenerationFailedException(
              model.id()
                  + " ended a sample with "
                  + g.finishReason()
                  + "; the batch is not stored and will be generated again on resume");
        }
      }
    }
    return out;
  }
}
