package org.c2lab.eval.synthesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.c2lab.core.data.HarmfulExample;
import org.c2lab.core.data.PkuRow;
import org.c2lab.core.data.PkuSafeRlhfReader;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.PreferencePairWriter;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.JobCancelledException;
import org.c2lab.core.job.JobContext;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.protocol.CutPoints;
import org.c2lab.core.protocol.RankedResponses;
import org.c2lab.core.protocol.SynPlan;
import org.c2lab.core.protocol.SynPlanner;
import org.c2lab.core.protocol.SynRequestFilter;
import org.c2lab.core.provenance.FileDigest;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.eval.checkpoint.AtomicFile;
import org.c2lab.eval.checkpoint.RunManifest;
import org.c2lab.eval.checkpoint.UnitLog;
import org.c2lab.eval.generation.ChatFormat;
import org.c2lab.eval.generation.Generator;

/**
 * C2-Syn: ranked preference pairs from a PKU-SafeRLHF training file and an aligned model.
 *
 * <p>Per selected request (core's {@link SynRequestFilter}; drops counted by reason) and its seeded
 * {@link SynPlan}: SR is the model's answer from an EMPTY assistant turn ([user] with the
 * generation prompt), and SYN_i is {@code phrase_i + " " + prefix_i + " " + trigger_i} followed by
 * the model's continuation of exactly that text ([user, assistant prefix] with the turn left open).
 * The six ranked responses give 15 pairs, written in TRL's JSON Lines format with ranks, cut
 * positions and the request id. The five generations of {@link C2SynConfig#batchRequests()}
 * requests go to the model in one call.
 *
 * <p>Streaming: rows are read one by one and only one batch of requests is held, so memory does not
 * grow with the data (beyond the filter's 16-32 bytes per distinct prompt for de-duplication).
 *
 * <p>Resumable, unit = request: a batch's pairs are written, then one line per request to the
 * checkpoint {@code <out>.progress.jsonl} (15 pairs, or 0 and why). On start the pairs file is cut
 * back to the lines the checkpoint accounts for (a torn line or the pairs of an unfinished
 * request), the checkpoint is cut back to the pairs present if the pairs file is shorter, and the
 * run continues after the last recorded request, so the finished files equal an uninterrupted
 * run's. Settings that change results must not change between attempts ({@code
 * <out>.manifest.json}). Statistics ({@code <out>.stats.json}) and provenance ({@code
 * <out>.provenance.json}) are written at the end, and on cancellation for the part done.
 */
public final class C2SynJob implements Job<C2SynConfig, C2SynResult> {
  /** The job kind. */
  public static final String KIND = "c2-syn";

  /** Checkpoint beside the output: one line per processed request. */
  public static final String PROGRESS_SUFFIX = ".progress.jsonl";

  /** Settings checked on resume. */
  public static final String MANIFEST_SUFFIX = ".manifest.json";

  /** Statistics of the run. */
  public static final String STATS_SUFFIX = ".stats.json";

  /** Provenance of the pairs file. */
  public static final String PROVENANCE_SUFFIX = ".provenance.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final C2SynConfig config;
  private final LanguageModel model;

  /**
   * @param id the job id ({@link Job#ID_PATTERN})
   * @param model the aligned model writing SR and the SYN continuations; must accept text prompts
   */
  public C2SynJob(String id, C2SynConfig config, LanguageModel model) {
    this.id = Job.checkId(id);
    this.config = Objects.requireNonNull(config, "config");
    this.model = Objects.requireNonNull(model, "model");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public C2SynConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Whether {@code out} (a pairs file) already has a C2-Syn run to resume. */
  public static boolean hasRun(Path out) {
    return Files.exists(out.resolveSibling(out.getFileName() + MANIFEST_SUFFIX));
  }

  @Override
  public C2SynResult run(JobContext context) throws IOException {
    Path out = config.out();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ChatFormat format =
        ChatFormat.of(config.modelPreset(), config.tokenizerConfig(), config.promptMode());
    Generator generator = new Generator(model);
    FileDigest data = FileDigest.of(config.data());
    SynRequestFilter filter = new SynRequestFilter(config.filter());
    PkuSafeRlhfReader reader = PkuSafeRlhfReader.builder().build();
    long total = countRequests(reader, filter); // validates the rows before anything is written

    Path manifestFile = config.beside(MANIFEST_SUFFIX);
    if (!Files.exists(manifestFile) && Files.exists(out) && Files.size(out) > 0) {
      throw new IllegalArgumentException(
          out
              + " exists and is not a C2-Syn output to resume (no "
              + manifestFile.getFileName()
              + "); choose another output file");
    }
    manifest(data.sha256(), format).writeOrVerify(manifestFile);
    UnitLog progress = UnitLog.open(config.beside(PROGRESS_SUFFIX), 1, RequestOutcome::unitKey);
    alignPairsWithCheckpoint(progress);
    recordProvenance(context.provenance(), data, format);

    SynPlanner planner = new SynPlanner(config.protocol());
    SynRequestFilter.Selection selection = filter.newSelection();
    try (RecordStream<PkuRow> rows = reader.rows(config.data());
        PreferencePairWriter writer = PreferencePairWriter.append(out)) {
      try {
        skipDone(rows, selection, progress);
        context.progress(
            progress.units(),
            total,
            progress.units() == 0
                ? "starting"
                : "resuming after " + progress.units() + " requests");
        List<HarmfulExample> batch = new ArrayList<>(config.batchRequests());
        for (HarmfulExample next = nextRequest(rows, selection); next != null; ) {
          context.throwIfCancelled();
          batch.clear();
          while (next != null && batch.size() < config.batchRequests()) {
            batch.add(next);
            next = nextRequest(rows, selection);
          }
          process(batch, planner, format, generator, writer, progress);
          context.progress(
              progress.units(), total, "wrote pairs of " + batch.get(batch.size() - 1).rowId());
        }
      } catch (JobCancelledException e) {
        finish(context, selection, rows, progress, total, false);
        throw e;
      }
      return finish(context, selection, rows, progress, total, true);
    }
  }

  /** Plans, generates and writes one batch of requests; then records them in the checkpoint. */
  private void process(
      List<HarmfulExample> batch,
      SynPlanner planner,
      ChatFormat format,
      Generator generator,
      PreferencePairWriter writer,
      UnitLog progress)
      throws IOException {
    List<SynPlan> plans = new ArrayList<>(batch.size());
    List<GenerationRequest> requests = new ArrayList<>();
    for (HarmfulExample ex : batch) {
      SynPlan plan = plan(planner, ex);
      plans.add(plan);
      if (plan == null) {
        continue;
      }
      requests.add(generation(format.answer(ex.request()), ex.rowId(), 0));
      List<String> prefixes = plan.continuationPrefixes();
      for (int i = 0; i < prefixes.size(); i++) {
        String prompt = format.continuation(ex.request(), prefixes.get(i)).text();
        requests.add(generation(prompt, ex.rowId(), i + 1));
      }
    }
    List<List<Generation>> generations =
        requests.isEmpty() ? List.of() : generator.generate(requests);
    List<String> lines = new ArrayList<>(batch.size());
    int g = 0;
    for (int r = 0; r < batch.size(); r++) {
      SynPlan plan = plans.get(r);
      if (plan == null) {
        lines.add(
            RequestOutcome.dropped(batch.get(r).rowId(), RequestOutcome.UNCUTTABLE, null)
                .toJsonLine());
        continue;
      }
      String sr = generations.get(g).get(0).text().strip();
      List<String> continuations = new ArrayList<>(CutPoints.COUNT);
      for (int i = 1; i <= CutPoints.COUNT; i++) {
        continuations.add(generations.get(g + i).get(0).text()); // verbatim: carries its space
      }
      g += 1 + CutPoints.COUNT;
      if (sr.isEmpty()) {
        lines.add(
            RequestOutcome.dropped(
                    plan.example().rowId(),
                    RequestOutcome.BLANK_SAFE_RESPONSE,
                    plan.cuts().method())
                .toJsonLine());
        continue;
      }
      RankedResponses ranked = plan.assemble(sr, continuations);
      for (PreferencePair pair : ranked.pairs()) {
        writer.write(pair);
      }
      lines.add(RequestOutcome.written(ranked, plan.cuts().method()).toJsonLine());
    }
    progress.append(lines); // after the pairs: a crash in between is repaired on resume
  }

  /** The plan, or null when the FHR cannot be cut into four prefixes (only with a low filter). */
  private SynPlan plan(SynPlanner planner, HarmfulExample ex) {
    try {
      return planner.plan(ex, config.seed());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * One sample of {@code prompt}. Its seed (used only when the decoding samples) is the first 8
   * bytes of {@code Sha256.ofFields("c2-syn-gen", seed, rowId, slot)}, slot 0 = SR, 1..4 = SYN_i.
   */
  private GenerationRequest generation(String prompt, String rowId, int slot) {
    String hex =
        Sha256.ofFields("c2-syn-gen", Long.toString(config.seed()), rowId, Integer.toString(slot));
    return GenerationRequest.of(
        Prompt.text(prompt), config.generation(), Long.parseUnsignedLong(hex.substring(0, 16), 16));
  }

  private C2SynResult finish(
      JobContext context,
      SynRequestFilter.Selection selection,
      RecordStream<PkuRow> rows,
      UnitLog progress,
      long total,
      boolean complete)
      throws IOException {
    ObjectNode stats =
        SynStats.of(
            config,
            selection,
            rows.summary().skipped(RecordStream.BLANK_LINE),
            progress,
            total,
            complete);
    Path statsFile = config.beside(STATS_SUFFIX);
    AtomicFile.write(statsFile, SynStats.text(stats));
    Provenance provenance = context.provenance().build();
    if (complete) {
      provenance = provenance.toBuilder().finishedNow().build();
    }
    AtomicFile.write(config.beside(PROVENANCE_SUFFIX), provenance.toJson());
    return new C2SynResult(
        config.out(),
        statsFile,
        complete,
        stats.path("requests_processed").asLong(),
        total,
        stats.path("pairs_written").asLong());
  }

  /**
   * Makes the pairs file hold exactly the pairs the checkpoint accounts for: cuts off pairs of an
   * unfinished batch (and a torn line); if the file has fewer pairs than recorded, cuts the
   * checkpoint back to the requests whose pairs are all there.
   */
  private void alignPairsWithCheckpoint(UnitLog progress) throws IOException {
    long[] expected = {0};
    progress.forEach(line -> expected[0] += RequestOutcome.fromJson(line).pairs());
    long kept = UnitLog.keepFirstLines(config.out(), expected[0]);
    if (kept == expected[0]) {
      return;
    }
    long[] units = {0};
    long[] pairs = {0};
    boolean[] stop = {false};
    progress.forEach(
        line -> {
          int n = RequestOutcome.fromJson(line).pairs();
          if (!stop[0] && pairs[0] + n <= kept) {
            units[0]++;
            pairs[0] += n;
          } else {
            stop[0] = true;
          }
        });
    progress.truncateToUnits(units[0]);
    UnitLog.keepFirstLines(config.out(), pairs[0]);
  }

  private void skipDone(
      RecordStream<PkuRow> rows, SynRequestFilter.Selection selection, UnitLog progress) {
    String last = null;
    for (long i = 0; i < progress.units(); i++) {
      HarmfulExample ex = nextRequest(rows, selection);
      if (ex == null) {
        throw new IllegalStateException(
            progress.file() + " records more requests than the data selects (" + i + ")");
      }
      last = ex.rowId();
    }
    if (!Objects.equals(last, progress.lastUnitKey().orElse(null))) {
      throw new IllegalStateException(
          progress.file()
              + " ends with request "
              + progress.lastUnitKey().orElse("(none)")
              + ", but request "
              + progress.units()
              + " of the data is "
              + last);
    }
  }

  private long countRequests(PkuSafeRlhfReader reader, SynRequestFilter filter) throws IOException {
    SynRequestFilter.Selection selection = filter.newSelection();
    long n = 0;
    try (RecordStream<PkuRow> rows = reader.rows(config.data())) {
      while (nextRequest(rows, selection) != null) {
        n++;
      }
    }
    return n;
  }

  /** The next request the filter accepts, or null when the limit or the end is reached. */
  private static HarmfulExample nextRequest(
      RecordStream<PkuRow> rows, SynRequestFilter.Selection selection) {
    while (!selection.full() && rows.hasNext()) {
      Optional<HarmfulExample> ex = selection.offer(rows.next());
      if (ex.isPresent()) {
        return ex.get();
      }
    }
    return null;
  }

  private RunManifest manifest(String dataSha256, ChatFormat format) {
    ObjectNode s = JSON.createObjectNode();
    s.put("data_sha256", dataSha256);
    s.set("filter", JSON.valueToTree(config.filter()));
    s.put(
        "force_begin_phrases_sha256",
        Sha256.ofFields(config.protocol().forceBeginPhrases().toArray(String[]::new)));
    s.put(
        "corrective_triggers_sha256",
        Sha256.ofFields(config.protocol().correctiveTriggers().toArray(String[]::new)));
    s.put("punctuation", config.protocol().synPunctuation());
    s.put("seed", config.seed());
    s.put("prompt_mode", config.promptMode().name());
    s.put("model_preset", config.modelPreset());
    s.put("template_sha256", format.template().sha256());
    s.set("generation", JSON.valueToTree(config.generation()));
    s.put("model_id", model.id());
    return new RunManifest(KIND, s);
  }

  private void recordProvenance(Provenance.Builder p, FileDigest data, ChatFormat format) {
    p.config(config)
        .addDataset(data)
        .seed(config.seed())
        .note("model.id", model.id())
        .note("model.preset", config.modelPreset())
        .note("prompt.mode", config.promptMode().name())
        .note("template.id", format.template().id())
        .note("template.sha256", format.template().sha256())
        .note(
            "c2syn.decoding",
            (config.generation().greedy() ? "greedy" : "sampling")
                + ", max "
                + config.generation().maxNewTokens()
                + " new tokens (reference: greedy 2-beam diverse search, 128 new tokens)")
        .note("c2syn.output", config.out().toString());
  }
}
