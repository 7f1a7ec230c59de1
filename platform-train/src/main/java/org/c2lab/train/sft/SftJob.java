package org.c2lab.train.sft;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.JobContext;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.core.store.RunStore;
import org.c2lab.train.autograd.GradMode;
import org.c2lab.train.batch.ResponseEncoder;
import org.c2lab.train.batch.TokenizedSequence;
import org.c2lab.train.finetune.FineTuneRun;
import org.c2lab.train.finetune.TrainingResult;
import org.c2lab.train.training.TrainingListener;

/**
 * Supervised fine-tuning as a resumable {@link Job}, on the same machinery as DPO: prompts rendered
 * with the chat template, loss on response tokens, checkpoints, resume and export to {@code
 * <out>/model}.
 */
public final class SftJob implements Job<SftConfig, TrainingResult> {
  /** The job kind, also the run kind in the store. */
  public static final String KIND = "sft";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final SftConfig config;
  private final RunStore store;
  private final boolean resume;
  private final List<TrainingListener> listeners;

  /**
   * @param id the job and run id
   * @param resume continue from the newest checkpoint in the output folder
   * @param listeners extra training listeners
   */
  public SftJob(
      String id,
      SftConfig config,
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
  public SftConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public TrainingResult run(JobContext context) throws IOException {
    List<SftExample> examples = SftExampleReader.read(config.data());
    // Reference passes and training on whatever thread runs the job (see GradMode).
    try (GradMode.Scope off = GradMode.off();
        FineTuneRun run = FineTuneRun.open(config.training())) {
      List<TokenizedSequence> tokenized = new ArrayList<>(examples.size());
      int truncated = 0;
      for (SftExample e : examples) {
        ResponseEncoder.Encoded enc = run.encoder().sequence(e.prompt(), e.response());
        truncated += enc.truncated() ? 1 : 0;
        tokenized.add(enc.sequence());
      }
      ObjectNode settings = JSON.valueToTree(config);
      ObjectNode t = (ObjectNode) settings.get("training");
      t.remove("out");
      t.remove("checkpointEvery");
      t.remove("keepCheckpoints");
      FineTuneRun.Outcome outcome =
          run.train(
              new SftObjective(run.model().network(), tokenized),
              tokenized.size(),
              settings,
              resume,
              context,
              store,
              KIND,
              listeners);
      Provenance.Builder p = context.provenance();
      p.config(config);
      p.seed(config.training().seed());
      p.addDataset(config.data());
      p.addModelDirectory(config.training().model());
      p.note("kind", KIND);
      p.note("steps", Long.toString(outcome.steps()));
      p.note("resumed_at_step", Long.toString(outcome.startStep()));
      p.note("truncated_examples", Integer.toString(truncated));
      p.note(
          "chat_template",
          run.format().template().id() + " sha256 " + run.format().template().sha256());
      p.note("fine_tuning", config.training().full() ? "full" : "lora");
      Provenance provenance = p.finishedNow().build();
      store.updateProvenance(id, provenance.toJson());
      return new TrainingResult(
          outcome.steps(),
          outcome.startStep(),
          tokenized.size(),
          truncated,
          outcome.last(),
          run.export(provenance),
          config.training().out().resolve(FineTuneRun.METRICS));
    }
  }
}
