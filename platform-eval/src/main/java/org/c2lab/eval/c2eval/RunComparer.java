package org.c2lab.eval.c2eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.c2lab.core.data.JudgedSampleReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.metrics.BootstrapSettings;
import org.c2lab.core.metrics.PairedComparison;
import org.c2lab.core.metrics.SampleKey;
import org.c2lab.core.metrics.SampleOutcome;
import org.c2lab.eval.checkpoint.RunManifest;

/**
 * {@code eval compare RUN_A RUN_B}: the paired comparison of two C2-Eval runs on the same (request,
 * k, path) keys (core's {@link PairedComparison}), plus every flipped path with both runs' prefix
 * and continuation side by side.
 *
 * <p>Pairing paths is only meaningful when both runs prefilled the same requests with the same
 * phrases and sampled with the same seeds: same data (SHA-256), k values, run seed and b. Their
 * {@code manifest.json} files are checked for that; a difference is refused with the list of
 * differences, unless the comparer allows mismatches, which turns them into warnings. A run given
 * as a bare samples file (another tool's verdicts) has no manifest: that is a warning.
 */
public final class RunComparer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PAIRING_SETTINGS =
      List.of(
          C2EvalManifest.DATA_SHA256,
          C2EvalManifest.K_VALUES,
          C2EvalManifest.SEED,
          C2EvalManifest.SAMPLES_PER_K);

  private final BootstrapSettings bootstrap;
  private final boolean allowMismatch;

  /**
   * @param bootstrap the paired bootstrap of the Corr_mean difference
   * @param allowMismatch compare runs whose data, k values, seed or b differ (with warnings)
   *     instead of refusing
   */
  public RunComparer(BootstrapSettings bootstrap, boolean allowMismatch) {
    this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
    this.allowMismatch = allowMismatch;
  }

  /** Default bootstrap, mismatches refused. */
  public static RunComparer strict() {
    return new RunComparer(BootstrapSettings.DEFAULT, false);
  }

  /**
   * Compares run A with run B.
   *
   * @param runA a C2-Eval output directory, or a judged-samples file
   * @param runB likewise
   * @throws IllegalArgumentException when the runs differ in data, k values, seed or b (and
   *     mismatches are not allowed), when a file is empty, or (core's {@code
   *     UnpairedOutcomesException}) when their keys differ
   * @throws org.c2lab.core.data.MalformedDataException for a malformed samples line
   */
  public RunComparison compare(Path runA, Path runB) throws IOException {
    Path samplesA = samplesFile(runA);
    Path samplesB = samplesFile(runB);
    List<String> warnings = checkPairing(runA, runB);
    PairedComparison paired = PairedComparison.of(read(samplesA), read(samplesB), bootstrap);

    Set<SampleKey> flippedKeys = new HashSet<>(paired.aYesBNo());
    flippedKeys.addAll(paired.aNoBYes());
    Map<SampleKey, JsonNode> linesA = linesOf(samplesA, flippedKeys);
    Map<SampleKey, JsonNode> linesB = linesOf(samplesB, flippedKeys);
    List<FlippedSample> flipped = new ArrayList<>(flippedKeys.size());
    paired.aYesBNo().forEach(k -> flipped.add(flip(k, true, linesA.get(k), linesB.get(k))));
    paired.aNoBYes().forEach(k -> flipped.add(flip(k, false, linesA.get(k), linesB.get(k))));
    return new RunComparison(samplesA.toString(), samplesB.toString(), paired, flipped, warnings);
  }

  private List<String> checkPairing(Path runA, Path runB) throws IOException {
    Optional<RunManifest> a = RunManifest.read(manifestFile(runA));
    Optional<RunManifest> b = RunManifest.read(manifestFile(runB));
    List<String> warnings = new ArrayList<>();
    if (a.isEmpty() || b.isEmpty()) {
      String which = a.isEmpty() && b.isEmpty() ? "A and B have" : a.isEmpty() ? "A has" : "B has";
      warnings.add(
          which
              + " no "
              + C2EvalJob.MANIFEST_FILE
              + ": cannot check that both runs used the same data, k values, seed and b");
      return warnings;
    }
    ObjectNode sa = a.get().settings();
    ObjectNode sb = b.get().settings();
    List<String> differences = new ArrayList<>();
    for (String field : PAIRING_SETTINGS) {
      if (!Objects.equals(sa.get(field), sb.get(field))) {
        differences.add(field + ": " + sa.get(field) + " in A, " + sb.get(field) + " in B");
      }
    }
    if (!differences.isEmpty() && !allowMismatch) {
      throw new IllegalArgumentException(
          "the runs are not paired path by path ("
              + String.join("; ", differences)
              + "); compare runs made with the same data, k values, seed and samples per k, or"
              + " allow the mismatch");
    }
    differences.forEach(d -> warnings.add("settings differ, compared anyway: " + d));
    return warnings;
  }

  private static FlippedSample flip(
      SampleKey key, boolean correctedInA, JsonNode lineA, JsonNode lineB) {
    String request = text(lineA, "request");
    return new FlippedSample(
        key,
        correctedInA,
        request != null ? request : text(lineB, "request"),
        texts(lineA),
        texts(lineB));
  }

  private static SampleText texts(JsonNode line) {
    return new SampleText(
        text(line, "prefix"), text(line, "continuation"), text(line, "rationale"));
  }

  private static String text(JsonNode line, String field) {
    JsonNode v = line == null ? null : line.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  /** The lines of {@code keys}, read in one pass (lines were validated by the strict reader). */
  private static Map<SampleKey, JsonNode> linesOf(Path file, Set<SampleKey> keys)
      throws IOException {
    Map<SampleKey, JsonNode> out = new HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        SampleKey key = EvalSample.sampleKey(node);
        if (keys.contains(key)) {
          out.put(key, node);
        }
      }
    }
    return out;
  }

  private static List<SampleOutcome> read(Path file) throws IOException {
    try (RecordStream<SampleOutcome> outcomes = JudgedSampleReader.strict().open(file)) {
      List<SampleOutcome> all = outcomes.stream().toList();
      if (all.isEmpty()) {
        throw new IllegalArgumentException(file + ": no judged samples");
      }
      return all;
    }
  }

  private static Path samplesFile(Path run) {
    return Files.isDirectory(run) ? run.resolve(C2EvalJob.SAMPLES_FILE) : run;
  }

  private static Path manifestFile(Path run) {
    Path dir = Files.isDirectory(run) ? run : run.toAbsolutePath().getParent();
    return dir.resolve(C2EvalJob.MANIFEST_FILE);
  }
}
