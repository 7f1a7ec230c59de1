package org.c2lab.web.dashboard;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where the Models and Datasets pages look until the registries exist: model folders (a {@code
 * config.json} inside) under {@code $C2_HOME/models}, and data files ({@code *.jsonl}, {@code
 * *.json}) under the {@code c2.datasets} folder ({@code $C2_DATASETS}; {@code ./c2} sets it to the
 * repository's {@code datasets/}) and {@code $C2_HOME/datasets}.
 */
@Singleton
public class LabFolders {
  private static final int DEPTH = 4;
  private final Path home;
  private final Path datasets;

  /** Folders under {@code home} and {@code datasets}. */
  public LabFolders(
      @Value("${c2.home:c2-data}") Path home, @Value("${c2.datasets:datasets}") Path datasets) {
    this.home = home;
    this.datasets = datasets;
  }

  /** Model folders under {@code $C2_HOME/models}, sorted. */
  public List<Path> modelFolders() {
    return find(home.resolve("models"), p -> Files.isRegularFile(p.resolve("config.json")));
  }

  /** Data files in the datasets folders, sorted. */
  public List<Path> dataFiles() {
    Predicate<Path> data =
        p ->
            Files.isRegularFile(p)
                && (p.toString().endsWith(".jsonl") || p.toString().endsWith(".json"));
    return Stream.of(datasets, home.resolve("datasets"))
        .flatMap(root -> find(root, data).stream())
        .distinct()
        .toList();
  }

  private static List<Path> find(Path root, Predicate<Path> keep) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(root, DEPTH)) {
      return all.filter(keep).map(Path::toAbsolutePath).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root, e);
    }
  }
}
