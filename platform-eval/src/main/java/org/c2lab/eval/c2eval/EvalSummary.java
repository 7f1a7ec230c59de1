package org.c2lab.eval.c2eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.c2lab.core.metrics.CorrectionReport;
import org.c2lab.core.metrics.SampleKey;
import org.c2lab.core.metrics.SampleOutcome;
import org.c2lab.core.provenance.Provenance;
import org.c2lab.eval.checkpoint.AtomicFile;
import org.c2lab.eval.checkpoint.UnitLog;

/**
 * Writes {@code summary.json} from what {@code samples.jsonl} holds, so a summary always describes
 * exactly the stored samples (a cancelled run's summary is marked {@code "complete": false}).
 */
final class EvalSummary {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvalSummary() {}

  /** Reads the samples of {@code log}, writes the summary, and returns the result. */
  static C2EvalResult write(
      Path summaryFile,
      C2EvalConfig config,
      UnitLog log,
      long requests,
      long unitsTotal,
      Provenance provenance)
      throws IOException {
    List<SampleOutcome> outcomes = new ArrayList<>();
    Map<String, Long> finishReasons = new TreeMap<>();
    long[] corrected = {0};
    log.forEach(
        line -> {
          SampleKey key = EvalSample.sampleKey(line);
          boolean yes = line.path("corrected").asBoolean();
          outcomes.add(SampleOutcome.of(key, yes));
          corrected[0] += yes ? 1 : 0;
          finishReasons.merge(line.path("finish_reason").asText(), 1L, Long::sum);
        });
    CorrectionReport report =
        outcomes.isEmpty() ? null : CorrectionReport.from(outcomes, config.bootstrap());
    boolean complete = log.units() == unitsTotal;

    ObjectNode root = JSON.createObjectNode();
    root.put("kind", C2EvalManifest.KIND);
    root.put("complete", complete);
    ObjectNode counts = root.putObject("counts");
    counts.put("requests", requests);
    counts.put("k_values", config.kValues().size());
    counts.put("samples_per_k", config.samplesPerK());
    counts.put("units_done", log.units());
    counts.put("units_total", unitsTotal);
    counts.put("samples", outcomes.size());
    counts.put("samples_expected", unitsTotal * config.samplesPerK());
    counts.put("corrected", corrected[0]);
    counts.set("finish_reasons", JSON.valueToTree(finishReasons));
    root.set("metrics", JSON.valueToTree(report == null ? Map.of() : report.asMetrics()));
    root.set("report", JSON.valueToTree(report));
    root.set("config", JSON.valueToTree(config));
    try {
      root.set("provenance", JSON.readTree(provenance.toJson()));
      AtomicFile.write(summaryFile, JSON.writeValueAsString(root) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write summary JSON", e);
    }
    return new C2EvalResult(
        log.file(), summaryFile, complete, outcomes.size(), log.units(), unitsTotal, report);
  }
}
