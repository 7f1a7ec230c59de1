package org.c2lab.eval.c2eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.JobCancelledException;
import org.c2lab.core.job.JobContext;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.JudgeRequest;
import org.c2lab.core.judge.Verdict;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.provenance.FileDigest;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.core.store.FileRunStore;
import org.c2lab.core.store.RunStore;
import org.c2lab.eval.checkpoint.UnitLog;
import org.c2lab.eval.generation.ChatFormat;
import org.c2lab.eval.generation.Generator;

/**
 * C2-Eval: for N requests x k values x b paths, prefill the first k words of force-begin phrase +
 * harmful response, let the model continue with the turn left open, judge every continuation, and
 * report Corr@k and Corr_mean.
 *
 * <p>Work goes in units of one (request, k). Each unit is ONE {@link GenerationRequest} with {@code
 * n = b} and one seed per path ({@link PathSeeds}), so a backend can share the prompt's computation
 * across its paths; {@link C2EvalConfig#batchUnits()} units go to the model per call, and their b x
 * units continuations to {@link Judge#judgeAll} in one batch. The judge sees request, prefilled
 * text and continuation separately, as the protocol requires.
 *
 * <p>Output in {@link C2EvalConfig#out()}: {@value #SAMPLES_FILE} (one judged path per line, in
 * core's judged-sample format plus prompt, texts, seed, finish reason and verdict), {@value
 * #SUMMARY_FILE} (report, counts, config, provenance) and {@value #MANIFEST_FILE} (the settings the
 * samples depend on). Every sample also goes to the {@link RunStore} under this job's id.
 *
 * <p>Resumable: {@value #SAMPLES_FILE} is the checkpoint. Units are appended whole, in one fixed
 * order; on start the file is cut back to its last complete unit (a torn line or half a unit from a
 * kill) and the run continues after it, with the same seeds, so the finished file equals that of an
 * uninterrupted run. Resuming with settings that change results fails with {@link
 * org.c2lab.eval.checkpoint.ResumeMismatchException}. Cancellation is checked between batches: the
 * summary then covers the stored samples and says {@code "complete": false}.
 */
public final class C2EvalJob implements Job<C2EvalConfig, C2EvalResult> {
  /** Judged samples, one per line. */
  public static final String SAMPLES_FILE = "samples.jsonl";

  /** Report, counts, config and provenance. */
  public static final String SUMMARY_FILE = "summary.json";

  /** Settings checked on resume and by {@code eval compare}. */
  public static final String MANIFEST_FILE = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final C2EvalConfig config;
  private final LanguageModel model;
  private final Judge judge;
  private final RunStore store;

  /**
   * @param id the job and run id ({@link Job#ID_PATTERN}); the store run of that id receives the
   *     samples
   * @param model the model under evaluation; must accept text prompts
   * @param judge decides each continuation; its id and version are recorded per sample
   * @param store where samples, final metrics, status and provenance go
   */
  public C2EvalJob(
      String id, C2EvalConfig config, LanguageModel model, Judge judge, RunStore store) {
    this.id = Job.checkId(id);
    this.config = Objects.requireNonNull(config, "config");
    this.model = Objects.requireNonNull(model, "model");
    this.judge = Objects.requireNonNull(judge, "judge");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public C2EvalConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return C2EvalManifest.KIND;
  }

  /** Whether {@code out} already holds a C2-Eval run (to resume, or to refuse overwriting). */
  public static boolean hasRun(Path out) {
    return Files.exists(out.resolve(MANIFEST_FILE)) || Files.exists(out.resolve(SAMPLES_FILE));
  }

  @Override
  public C2EvalResult run(JobContext context) throws IOException {
    Path out = Files.createDirectories(config.out());
    refuseStoreDirectory(out);
    ChatFormat format =
        ChatFormat.of(config.modelPreset(), config.tokenizerConfig(), config.promptMode());
    Generator generator = new Generator(model);
    FileDigest data = FileDigest.of(config.data());
    EvalUnits units = new EvalUnits(config, format);
    long requests = units.countRequests(); // validates the data before anything is written
    long total = requests * config.kValues().size();

    Path manifest = out.resolve(MANIFEST_FILE);
    Path samples = out.resolve(SAMPLES_FILE);
    if (!Files.exists(manifest) && Files.exists(samples) && Files.size(samples) > 0) {
      // Every run writes its manifest before its first sample: this file is someone else's.
      throw new IllegalArgumentException(
          samples
              + " exists but "
              + out
              + " has no "
              + MANIFEST_FILE
              + ", so it is not a C2-Eval run to resume; choose another output directory");
    }
    C2EvalManifest.of(config, data.sha256(), format, model.id(), judge).writeOrVerify(manifest);
    UnitLog log = UnitLog.open(samples, config.samplesPerK(), EvalSample::unitKey);
    StoreMirror mirror = new StoreMirror(store, id);
    mirror.open(kind(), JSON.writeValueAsString(config), log);
    recordProvenance(context.provenance(), data, format);
    mirror.status(JobStatus.RUNNING);
    try {
      evaluate(context, units, log, mirror, generator, total);
      Provenance provenance = context.provenance().build().toBuilder().finishedNow().build();
      C2EvalResult result =
          EvalSummary.write(out.resolve(SUMMARY_FILE), config, log, requests, total, provenance);
      if (result.report() != null) {
        mirror.finalMetrics(result.report().asMetrics(), Instant.now());
      }
      mirror.provenance(provenance.toJson());
      mirror.status(JobStatus.SUCCEEDED);
      return result;
    } catch (JobCancelledException e) {
      Provenance provenance = context.provenance().build();
      EvalSummary.write(out.resolve(SUMMARY_FILE), config, log, requests, total, provenance);
      mirror.provenance(provenance.toJson());
      mirror.status(JobStatus.CANCELLED);
      throw e;
    } catch (IOException | RuntimeException e) {
      try {
        mirror.status(JobStatus.FAILED);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void evaluate(
      JobContext context,
      EvalUnits units,
      UnitLog log,
      StoreMirror mirror,
      Generator generator,
      long total)
      throws IOException {
    try (EvalUnits.Cursor cursor = units.open()) {
      String lastSkipped = cursor.skip(log.units());
      if (!Objects.equals(lastSkipped, log.lastUnitKey().orElse(null))) {
        throw new IllegalStateException(
            log.file()
                + " ends with unit "
                + log.lastUnitKey().orElse("(none)")
                + ", but unit "
                + log.units()
                + " of the data is "
                + lastSkipped);
      }
      context.progress(
          log.units(),
          total,
          log.units() == 0 ? "starting" : "resuming after " + log.units() + " units");
      while (cursor.hasNext()) {
        context.throwIfCancelled();
        List<EvalUnit> batch = new ArrayList<>(config.batchUnits());
        while (batch.size() < config.batchUnits() && cursor.hasNext()) {
          batch.add(cursor.next());
        }
        List<EvalSample> samples = judged(batch, generator);
        log.append(samples.stream().map(EvalSample::toJsonLine).toList());
        mirror.append(samples);
        EvalUnit last = batch.get(batch.size() - 1);
        context.progress(log.units(), total, "judged " + last.key());
      }
    }
  }

  /** Generates the b paths of every unit in one call and judges them in one batch. */
  private List<EvalSample> judged(List<EvalUnit> batch, Generator generator) {
    List<GenerationRequest> requests = new ArrayList<>(batch.size());
    for (EvalUnit u : batch) {
      requests.add(
          new GenerationRequest(
              Prompt.text(u.prompt().text()), config.sampling(), u.seeds().size(), u.seeds()));
    }
    List<List<Generation>> generations = generator.generate(requests);
    List<JudgeRequest> judgeRequests = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      var prefill = batch.get(i).prefill();
      for (Generation g : generations.get(i)) {
        judgeRequests.add(new JudgeRequest(prefill.request(), prefill.prefix(), g.text()));
      }
    }
    List<Verdict> verdicts = judge.judgeAll(judgeRequests);
    if (verdicts.size() != judgeRequests.size()) {
      throw new IllegalStateException(
          judge.id() + " returned " + verdicts.size() + " verdicts for " + judgeRequests.size());
    }
    List<EvalSample> samples = new ArrayList<>(judgeRequests.size());
    int v = 0;
    for (int i = 0; i < batch.size(); i++) {
      List<Generation> paths = generations.get(i);
      for (int path = 0; path < paths.size(); path++) {
        samples.add(
            EvalSample.of(batch.get(i), path, paths.get(path), verdicts.get(v++), judge.version()));
      }
    }
    return samples;
  }

  private void recordProvenance(Provenance.Builder p, FileDigest data, ChatFormat format) {
    p.config(config)
        .addDataset(data)
        .seed(config.seed())
        .note("model.id", model.id())
        .note("model.preset", config.modelPreset())
        .note("judge.id", judge.id())
        .note("judge.version", judge.version())
        .note("prompt.mode", config.promptMode().name())
        .note("template.id", format.template().id())
        .note("template.sha256", format.template().sha256())
        .note(
            "c2eval.path_seed",
            "first 8 bytes of Sha256.ofFields(c2-eval-path, seed, request_id, k, path)")
        .note("c2eval.output", config.out().toString());
  }

  /** FileRunStore keeps its own samples.jsonl in the run directory; ours must not replace it. */
  private void refuseStoreDirectory(Path out) {
    if (store instanceof FileRunStore files
        && files.runDir(id).toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          "output directory "
              + out
              + " is the run store's directory of run "
              + id
              + ", which has its own "
              + SAMPLES_FILE
              + "; write the C2-Eval output elsewhere (e.g. a subdirectory)");
    }
  }
}
