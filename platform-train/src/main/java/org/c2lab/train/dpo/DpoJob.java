package org.c2lab.train.dpo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.PreferencePairReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.JobContext;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.core.store.RunStore;
import org.c2lab.train.autograd.GradMode;
import org.c2lab.train.batch.TokenizedPair;
import org.c2lab.train.finetune.FineTuneRun;
import org.c2lab.train.finetune.TrainingResult;
import org.c2lab.train.lora.LoraAdapters;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.training.TrainingListener;

/**
 * DPO fine-tuning as a resumable {@link Job}: reads and tokenizes the pairs (prompt rendered with
 * the chat template, truncated pairs counted), obtains the reference log-probs (from the cache,
 * computed once with the base model, or live), trains, and exports the model with its provenance to
 * {@code <out>/model}. Re-running with {@code resume} continues from the newest checkpoint and ends
 * where an uninterrupted run would.
 */
public final class DpoJob implements Job<DpoConfig, TrainingResult> {
  /** The job kind, also the run kind in the store. */
  public static final String KIND = "dpo";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final DpoConfig config;
  private final RunStore store;
  private final boolean resume;
  private final List<TrainingListener> listeners;

  /**
   * @param id the job and run id
   * @param resume continue from the newest checkpoint in the output folder
   * @param listeners extra training listeners (e.g. a terminal display)
   */
  public DpoJob(
      String id,
      DpoConfig config,
      RunStore store,
      boolean resume,
      List<TrainingListener> listeners) {
    this.id = Job.checkId(id);
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    this.resume = resume;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public DpoConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public TrainingResult run(JobContext context) throws IOException {
    List<PreferencePair> pairs = readPairs();
    // Reference passes and training on whatever thread runs the job (see GradMode).
    try (GradMode.Scope off = GradMode.off();
        FineTuneRun run = FineTuneRun.open(config.training())) {
      List<TokenizedPair> tokenized = new ArrayList<>(pairs.size());
      int truncated = 0;
      for (PreferencePair p : pairs) {
        TokenizedPair t = run.encoder().pair(p);
        truncated += t.truncated() ? 1 : 0;
        tokenized.add(t);
      }
      LoraAdapters adapters = run.model().lora().orElse(null);
      LocalModel frozenCopy = null;
      try {
        ReferenceModel reference;
        if (config.liveReference()) {
          CausalLm network = run.model().network();
          if (adapters == null) {
            frozenCopy = run.openFrozenCopy();
            network = frozenCopy.network();
          }
          reference = new LiveReference(network, adapters, tokenized, run.model().base().manager());
        } else {
          // Before any checkpoint is restored: the policy is still the base model here.
          LiveReference base =
              new LiveReference(
                  run.model().network(), adapters, tokenized, run.model().base().manager());
          ReferenceCache cache = new ReferenceCache(config.referenceCacheDir());
          reference =
              cache.getOrCompute(
                  ReferenceCache.key(
                      config.training().model(),
                      run.format(),
                      config.pairs(),
                      config.training().truncation(),
                      run.model().baseType()),
                  tokenized.size(),
                  () -> base.computeAll(config.training().batchSize()));
        }
        DpoObjective objective =
            new DpoObjective(run.model().network(), tokenized, reference, config.lossFunction());
        FineTuneRun.Outcome outcome =
            run.train(
                objective, tokenized.size(), settings(), resume, context, store, KIND, listeners);
        Provenance provenance = provenance(context, run, outcome, truncated);
        store.updateProvenance(id, provenance.toJson());
        return new TrainingResult(
            outcome.steps(),
            outcome.startStep(),
            tokenized.size(),
            truncated,
            outcome.last(),
            run.export(provenance),
            config.training().out().resolve(FineTuneRun.METRICS));
      } finally {
        if (frozenCopy != null) {
          frozenCopy.close();
        }
      }
    }
  }

  private List<PreferencePair> readPairs() throws IOException {
    List<PreferencePair> out = new ArrayList<>();
    try (RecordStream<PreferencePair> s = PreferencePairReader.strict().open(config.pairs())) {
      s.forEachRemaining(out::add);
    }
    return out;
  }

  /** The settings a resumed run must share: everything but where outputs and caches go. */
  private ObjectNode settings() {
    ObjectNode s = JSON.valueToTree(config);
    s.remove("referenceCache");
    ObjectNode t = (ObjectNode) s.get("training");
    t.remove("out");
    t.remove("checkpointEvery");
    t.remove("keepCheckpoints");
    return s;
  }

  private Provenance provenance(
      JobContext context, FineTuneRun run, FineTuneRun.Outcome outcome, int truncated)
      throws IOException {
    Provenance.Builder p = context.provenance();
    p.config(config);
    p.seed(config.training().seed());
    p.addDataset(config.pairs());
    p.addModelDirectory(config.training().model());
    p.note("kind", KIND);
    p.note("steps", Long.toString(outcome.steps()));
    p.note("resumed_at_step", Long.toString(outcome.startStep()));
    p.note("truncated_pairs", Integer.toString(truncated));
    p.note(
        "chat_template",
        run.format().template().id() + " sha256 " + run.format().template().sha256());
    p.note("fine_tuning", config.training().full() ? "full" : "lora");
    p.note("precision", "f32 weights, adapters, optimizer state and loss");
    p.note(
        "reference",
        config.liveReference()
            ? (config.training().full() ? "frozen copy" : "base with adapters off")
            : "cached log-probs");
    return p.finishedNow().build();
  }
}
