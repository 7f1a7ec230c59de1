package org.c2lab.web.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.c2lab.core.metrics.CorrectionReport;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.web.runs.RunService;

/**
 * What the run and compare pages read from a run beyond its view: its judged samples as rows,
 * Corr@k with intervals computed from them (core's {@link CorrectionReport}), its provenance.
 */
@Singleton
public class RunReports {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Provenance sources, in the order looked for, relative to the run's directory. */
  static final List<String> PROVENANCE_FILES =
      List.of("provenance.json", "model/provenance.json", "summary.json", "manifest.json");

  private final RunService runs;

  /** Reports over {@code runs}. */
  public RunReports(RunService runs) {
    this.runs = runs;
  }

  /** The first {@code limit} C2-Eval sample rows of a run (other records skipped). */
  public List<SampleRow> sampleRows(String runId, int limit) {
    List<SampleRow> rows = new ArrayList<>();
    PageRequest request = PageRequest.first(Math.min(limit, PageRequest.MAX_LIMIT));
    while (rows.size() < limit) {
      Page<SampleRecord> page = runs.samples(runId, request);
      page.items().forEach(r -> SampleRow.of(r).ifPresent(rows::add));
      if (!page.hasMore() || page.items().isEmpty()) {
        break;
      }
      request = request.next();
    }
    return rows.size() > limit ? rows.subList(0, limit) : rows;
  }

  /** Corr@k (Wilson 95%) and Corr_mean (bootstrap) of the rows, or empty when there are none. */
  public Optional<CorrectionReport> report(List<SampleRow> rows) {
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(CorrectionReport.from(rows.stream().map(SampleRow::outcome).toList()));
  }

  /**
   * The run's provenance as indented JSON: {@code provenance.json} (or the exported model's), else
   * the {@code provenance} member of {@code summary.json} or {@code manifest.json}; empty if none.
   */
  public Optional<String> provenance(String runId) {
    Path dir = runs.directory(runId);
    for (String name : PROVENANCE_FILES) {
      Path file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode p = name.endsWith("provenance.json") ? root : root.path("provenance");
        if (!p.isMissingNode() && !p.isNull()) {
          return Optional.of(JSON.writeValueAsString(p));
        }
      } catch (IOException e) {
        return Optional.of(file.getFileName() + ": unreadable (" + e.getMessage() + ")");
      }
    }
    return Optional.empty();
  }
}
