package org.c2lab.web.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One of the paper's ten model presets with the endpoints registered for it.
 *
 * @param id the preset id, e.g. {@code llama2-chat-7b}
 * @param hfRepoId its Hugging Face id
 * @param family its family
 * @param endpoints ids of the registered remote models serving it
 */
@Serdeable
public record PresetView(String id, String hfRepoId, String family, List<String> endpoints) {}
