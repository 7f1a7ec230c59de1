package org.c2lab.web.serve;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.c2lab.eval.openai.OpenAiException;
import org.c2lab.web.backend.ModelHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way into the served models: resolves the requested model name, bounds how many requests use
 * the model at once (more get a 503 that clients retry, instead of queueing without limit), and
 * turns the model's failures into OpenAI errors.
 */
@Singleton
class ModelGate {
  private static final Logger LOG = LoggerFactory.getLogger(ModelGate.class);

  private final ServedModels models;
  private final Semaphore slots;
  private final int maxConcurrentRequests;

  ModelGate(ServedModels models) {
    this.models = models;
    this.maxConcurrentRequests = models.maxConcurrentRequests();
    this.slots = new Semaphore(maxConcurrentRequests);
  }

  /** The model called {@code requested} (else a 404). */
  ModelHandle model(String requested) {
    return models.model(requested);
  }

  /** What {@code GET /v1/models} lists. */
  List<Wire.ModelCard> cards() {
    return models.cards();
  }

  /**
   * Runs {@code work} on the model in one of the slots.
   *
   * @throws ApiException 503 when every slot is taken; 400 when the model rejects the input; 502
   *     when a remote model's server failed; 500 for anything else (logged)
   */
  <T> T run(Supplier<T> work) {
    if (!slots.tryAcquire()) {
      throw ApiException.busy(maxConcurrentRequests);
    }
    try {
      return work.get();
    } catch (ApiException e) {
      throw e;
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      throw ApiException.invalid(null, String.valueOf(e.getMessage()));
    } catch (OpenAiException e) {
      throw upstream(e);
    } catch (RuntimeException e) {
      LOG.error("a served model failed", e);
      throw new ApiException(
          HttpStatus.INTERNAL_SERVER_ERROR,
          "server_error",
          null,
          null,
          "the model failed: " + e.getClass().getSimpleName());
    } finally {
      slots.release();
    }
  }

  /** A remote model's client error is the caller's (400); anything else is the upstream's (502). */
  private static ApiException upstream(OpenAiException e) {
    boolean clientError = e.status() >= 400 && e.status() < 500 && e.status() != 429;
    return clientError
        ? ApiException.invalid(null, "the upstream server refused the request: " + e.getMessage())
        : new ApiException(
            HttpStatus.BAD_GATEWAY,
            "upstream_error",
            null,
            null,
            "the upstream server failed: " + e.getMessage());
  }
}
