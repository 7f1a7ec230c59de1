package org.c2lab.web.serve;

import java.util.List;
import org.c2lab.web.backend.ModelHandle;

/**
 * Which models the OpenAI-compatible endpoints answer for, by the name clients give: one model for
 * {@code ./c2 model serve}, the lab server's model folders for {@code ./c2 serve}.
 */
interface ServedModels {
  /**
   * The model called {@code requested}, opened if need be.
   *
   * @throws ApiException 404 for an unknown name, 503 when it cannot be opened now
   */
  ModelHandle model(String requested);

  /** What {@code GET /v1/models} lists. */
  List<Wire.ModelCard> cards();

  /** Requests using the models at once; more are answered 503. */
  int maxConcurrentRequests();
}
