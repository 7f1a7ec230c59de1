package org.c2lab.web.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.account.Principal;
import org.c2lab.web.cli.C2Home;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunRequest;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunView;
import org.c2lab.web.store.RunStoreFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-start demo: when the lab server starts with an empty run store, it writes the demo
 * files if missing ({@link DemoFiles}), initialises a tiny model in {@code
 * $C2_HOME/models/demo-tiny-base} in-process (what {@code ./c2 model init} does), and queues, as
 * real runs of the system user: a C2-Eval of that model; a short full SFT of it on the fairy-tale
 * data, whose exported model {@code $C2_HOME/models/demo-tiny} points to; and a C2-Eval of the
 * trained model that waits for the SFT. A newcomer sees Corr@k results, before and after, within a
 * few minutes. Off with {@code c2.demo.enabled=false}.
 */
@Singleton
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = RunService.class)
@Requires(property = "c2.demo.enabled", notEquals = "false")
public class DemoSeeder {
  /** The registry name of the untrained demo model. */
  public static final String BASE_MODEL = "demo-tiny-base";

  /** The registry name of the fine-tuned demo model. */
  public static final String TRAINED_MODEL = "demo-tiny";

  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

  private final RunService runs;
  private final Path home;
  private final Path workingDir;

  /**
   * @param home {@code c2.home}, else {@code $C2_HOME}
   * @param dataRoot {@code c2.demo.data-root}: the folder holding {@code datasets/demo/}; default:
   *     the repository ({@code c2.repo.root}, which {@code ./c2} sets) when it has the demo files,
   *     else {@code $C2_HOME}, where they are written from the application's copies (never the
   *     working directory)
   * @param repoRoot {@code c2.repo.root}
   */
  public DemoSeeder(
      RunService runs,
      @Value("${c2.home:}") String home,
      @Value("${c2.demo.data-root:}") String dataRoot,
      @Value("${c2.repo.root:}") String repoRoot) {
    this.runs = runs;
    this.home = home == null || home.isBlank() ? C2Home.root() : Path.of(home).toAbsolutePath();
    this.workingDir = dataRoot(this.home, dataRoot, repoRoot);
  }

  private static Path dataRoot(Path home, String dataRoot, String repoRoot) {
    if (dataRoot != null && !dataRoot.isBlank()) {
      return Path.of(dataRoot).toAbsolutePath();
    }
    if (repoRoot != null && !repoRoot.isBlank()) {
      Path repo = Path.of(repoRoot).toAbsolutePath();
      if (Files.isRegularFile(repo.resolve(DemoFiles.SFT_DATA))) {
        return repo;
      }
    }
    return home;
  }

  /** Seeds the demo once the HTTP server is up. */
  @EventListener
  void onServerStartup(ServerStartupEvent event) {
    List<RunView> queued = seedIfEmpty();
    if (!queued.isEmpty()) {
      LOG.info("first start: queued the demo runs {}", queued.stream().map(RunView::id).toList());
    }
  }

  /** Seeds the demo when the server has no runs yet; returns the runs queued (none otherwise). */
  public List<RunView> seedIfEmpty() {
    if (runs.list(PageRequest.first(1)).total() > 0) {
      return List.of();
    }
    try {
      return seed();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the demo", e);
    }
  }

  private List<RunView> seed() throws IOException {
    DemoFiles.ensure(workingDir);
    Path models = home.resolve("models");
    Path base =
        DemoFiles.initModel(workingDir.resolve(DemoFiles.TOKENIZER), models.resolve(BASE_MODEL));

    RunView before =
        runs.submit(
            evalRequest("demo: C2-Eval of the untrained tiny model", base, List.of()),
            Principal.SYSTEM);

    Map<String, String> sft = new LinkedHashMap<>();
    sft.put("model", base.toString());
    sft.put("data", workingDir.resolve(DemoFiles.SFT_DATA).toString());
    sft.put("full", "true");
    // 300 steps at a high, constant rate: enough for a random 2-layer model to learn to break off
    // with "However, I cannot help with that." (about a minute on a 2-core CPU).
    sft.put("lr", "0.003");
    sft.put("schedule", "constant");
    sft.put("warmup-ratio", "0.05");
    sft.put("epochs", "30");
    sft.put("batch-size", "4");
    sft.put("max-length", "160");
    sft.put("max-prompt-length", "64");
    sft.put("checkpoint-every", "50");
    sft.put("seed", "1");
    RunView train =
        runs.submit(
            new RunRequest(
                RunKind.SFT,
                "demo: fine-tune the tiny model on polite refusals",
                sft,
                0,
                List.of()),
            Principal.SYSTEM);
    Path trained = runs.directory(train.id()).resolve("out").resolve("model");
    link(models.resolve(TRAINED_MODEL), trained);

    RunView after =
        runs.submit(
            evalRequest("demo: C2-Eval of the fine-tuned tiny model", trained, List.of(train.id())),
            Principal.SYSTEM);
    return List.of(before, train, after);
  }

  private RunRequest evalRequest(String name, Path model, List<String> dependsOn) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("model", model.toString());
    p.put("preset", DemoFiles.PRESET);
    p.put("data", workingDir.resolve(DemoFiles.EVAL_DATA).toString());
    p.put("limit", "6");
    p.put("samples", "4");
    p.put("k", "10,20,40");
    p.put("judge", "keyword");
    p.put("seed", "1");
    return new RunRequest(RunKind.C2_EVAL, name, p, 0, dependsOn);
  }

  /** {@code $C2_HOME/models/demo-tiny} points to the SFT run's exported model. */
  private static void link(Path link, Path target) throws IOException {
    if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.createDirectories(link.getParent());
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      LOG.warn("cannot link {} to {}: use the SFT run's model folder directly", link, target, e);
    }
  }
}
