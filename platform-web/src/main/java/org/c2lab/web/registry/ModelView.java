package org.c2lab.web.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * A registered model as the API and dashboard show it. A remote endpoint's API key appears only
 * masked ({@code apiKey}: {@code ****} and at most its last 4 characters), never in full.
 *
 * @param id the registry id (lowercase letters, digits, '-')
 * @param name a display name
 * @param kind {@code local} (a Hugging Face folder on the server) or {@code remote} (a preset
 *     behind an OpenAI-compatible endpoint)
 * @param path local: the folder; else null
 * @param presetId remote: the preset; else null
 * @param url remote: the API root, e.g. {@code http://gpu-box:8000/v1}; else null
 * @param servedName remote: the name the endpoint serves the model as; else null
 * @param apiKey remote: the masked key, or null without one
 * @param spec what {@code ModelBackends.open} takes: {@code DIR} or {@code PRESET@URL#NAME}
 * @param architecture local: {@code architectures[0]} of config.json, or null
 * @param parameters local: parameter count from the safetensors headers, or null when unknown
 * @param sizeBytes local: bytes on disk of the folder's files, or null
 * @param hashStatus {@code hashing} (in the background), {@code done}, {@code failed}, or {@code
 *     none} (remote)
 * @param fileHashes local: SHA-256 of each weight and tokenizer file, by file name, once done
 * @param discovered whether it was found under {@code $C2_HOME/models} rather than registered
 * @param createdBy who registered it ({@code system} for discovered ones)
 * @param createdAt when
 */
@Serdeable
public record ModelView(
    String id,
    String name,
    String kind,
    String path,
    String presetId,
    String url,
    String servedName,
    String apiKey,
    String spec,
    String architecture,
    Long parameters,
    Long sizeBytes,
    String hashStatus,
    Map<String, String> fileHashes,
    boolean discovered,
    String createdBy,
    Instant createdAt) {

  /** A local folder. */
  public static final String LOCAL = "local";

  /** A preset behind an OpenAI-compatible endpoint. */
  public static final String REMOTE = "remote";
}
