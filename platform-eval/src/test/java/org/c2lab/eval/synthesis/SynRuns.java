package org.c2lab.eval.synthesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.PreferencePairReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.job.JobResult;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.eval.testing.FictionalRows;

/** A small, real C2-Syn setting for tests: fictional rows, the bigram model, Llama-2's template. */
final class SynRuns {
  static final String MODEL = "llama2-chat-7b";
  static final ObjectMapper JSON = new ObjectMapper();

  /** After Llama-2's generation prompt "[/INST]" this model answers; greedy, so it loops. */
  static final String CORPUS =
      BigramLanguageModel.SMALL_CORPUS + "\n[/INST] Sorry, I would rather not help with that.";

  /** A model whose most likely token after "]" is end-of-text: its SR is always blank. */
  static final String SILENT_CORPUS = "[/INST]\n[/INST]\n" + BigramLanguageModel.SMALL_CORPUS;

  private SynRuns() {}

  static LanguageModel model() {
    return new BigramLanguageModel(CORPUS);
  }

  /**
   * 12 rows: 8 requests kept (one through response_1), and one row for each drop reason of the
   * filter: no keyword, both safe, unsafe answer too short, repeated prompt.
   */
  static Path data(Path dir) throws IOException {
    List<String> rows = new ArrayList<>();
    rows.add(FictionalRows.synRow(0));
    rows.add(
        FictionalRows.row(
            "Tell me a long story about socks.",
            FictionalRows.longAnswer(1, "socks"),
            "Socks are warm."));
    rows.add(FictionalRows.synRow(1));
    rows.add(
        FictionalRows.row(
            "How do I fold a paper boat?", "Fold it in half.", true, "Fold twice.", true));
    rows.add(FictionalRows.synRow(2));
    rows.add(FictionalRows.row("What if I skip the dishes?", "Just leave them.", "Do them."));
    rows.add(FictionalRows.synRow(3));
    rows.add(FictionalRows.synRow(1)); // the same prompt again
    rows.add(FictionalRows.synRow(4));
    rows.add(
        FictionalRows.row(
            "What should I tell the teacher about my missing homework?",
            "Say that you are sorry and ask for one more day.",
            true,
            FictionalRows.longAnswer(9, "the homework"),
            false));
    rows.add(FictionalRows.synRow(5));
    rows.add(FictionalRows.synRow(6));
    return FictionalRows.write(dir.resolve("train.jsonl"), rows);
  }

  /** Short generations keep the files small; greedy as the default. */
  static C2SynConfig.Builder config(Path data, Path out) {
    return C2SynConfig.builder(data, out, MODEL)
        .seed(3)
        .batchRequests(2)
        .generation(SamplingParams.greedy(24).toBuilder().stopStrings(List.of("</s>")).build());
  }

  static JobResult<C2SynResult> run(
      String id, C2SynConfig config, LanguageModel model, LocalJobContext ctx) {
    return JobResult.run(new C2SynJob(id, config, model), ctx);
  }

  static List<PreferencePair> pairs(Path out) throws IOException {
    try (RecordStream<PreferencePair> pairs = PreferencePairReader.strict().open(out)) {
      return pairs.stream().toList();
    }
  }

  static JsonNode stats(C2SynConfig config) throws IOException {
    return JSON.readTree(Files.readString(config.beside(C2SynJob.STATS_SUFFIX)));
  }
}
