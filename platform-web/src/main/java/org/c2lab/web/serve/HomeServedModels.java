package org.c2lab.web.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.c2lab.web.backend.ModelBackends;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.cli.C2Home;

/**
 * The lab server's OpenAI-compatible models: every model folder under {@code $C2_HOME/models},
 * addressed by its folder name, opened on first use and kept open until the server stops. At most
 * {@code c2.serve.max-open-models} are open at once (a 7B model takes 14-28 GB): a request for
 * another one is answered 503 rather than evicting a model that other requests may be using.
 */
@Singleton
@Requires(env = "server")
final class HomeServedModels implements ServedModels {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelBackends backends;
  private final int maxOpen;
  private final int maxConcurrent;
  private final Map<String, ModelHandle> open = new LinkedHashMap<>();

  HomeServedModels(
      ModelBackends backends,
      @Value("${c2.serve.max-open-models:2}") int maxOpen,
      @Value("${c2.serve.max-concurrent-requests:8}") int maxConcurrent) {
    if (maxOpen < 1 || maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "c2.serve.max-open-models and c2.serve.max-concurrent-requests must be >= 1");
    }
    this.backends = backends;
    this.maxOpen = maxOpen;
    this.maxConcurrent = maxConcurrent;
  }

  @Override
  public synchronized ModelHandle model(String requested) {
    ModelHandle handle = open.get(requested);
    if (handle != null) {
      return handle;
    }
    Path dir = folders().get(requested);
    if (dir == null) {
      throw ApiException.unknownModel(requested);
    }
    if (open.size() >= maxOpen) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "server_busy",
          "model",
          null,
          "the server keeps at most "
              + maxOpen
              + " models open (c2.serve.max-open-models) and serves "
              + String.join(", ", open.keySet()));
    }
    try {
      handle = backends.open(dir.toString()).withName(requested);
    } catch (IOException | RuntimeException e) {
      throw ApiException.invalid("model", "model " + requested + " cannot be opened: " + e);
    }
    open.put(requested, handle);
    return handle;
  }

  @Override
  public List<Wire.ModelCard> cards() {
    List<Wire.ModelCard> cards = new ArrayList<>();
    folders()
        .forEach(
            (name, dir) ->
                cards.add(new Wire.ModelCard(name, "model", Wire.now(), "c2", maxContext(dir))));
    return cards;
  }

  @Override
  public int maxConcurrentRequests() {
    return maxConcurrent;
  }

  @PreDestroy
  synchronized void close() {
    open.values().forEach(ModelHandle::close);
    open.clear();
  }

  /** Folder name to folder, sorted, for every folder with a config.json. */
  private static Map<String, Path> folders() {
    Map<String, Path> found = new LinkedHashMap<>();
    Path root = C2Home.models();
    if (!Files.isDirectory(root)) {
      return found;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(d -> Files.isRegularFile(d.resolve("config.json")))
          .sorted()
          .forEach(d -> found.put(d.getFileName().toString(), d));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return found;
  }

  /** config.json's max_position_embeddings without loading the weights, 0 when absent. */
  private static int maxContext(Path dir) {
    try {
      JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
      return config.path("max_position_embeddings").asInt(0);
    } catch (IOException e) {
      return 0;
    }
  }
}
