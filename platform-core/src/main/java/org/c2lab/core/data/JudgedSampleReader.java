package org.c2lab.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.c2lab.core.metrics.SampleOutcome;

/**
 * Reads judged C2-Eval samples, one JSON object per line with at least {@code request_id} (string),
 * {@code k} (int >= 1), {@code path} (int >= 0) and {@code corrected} (boolean, the verdict); other
 * fields (prompt, continuation, judge output, ...) are ignored. This is the shape of a C2-Eval
 * run's {@code samples.jsonl}, and what a user converts other tools' verdicts to.
 */
public final class JudgedSampleReader {
  private final boolean lenient;
  private final int maxErrorsKept;

  private JudgedSampleReader(boolean lenient, int maxErrorsKept) {
    this.lenient = lenient;
    this.maxErrorsKept = maxErrorsKept;
  }

  /** Fails on the first malformed line with {@code file:line: field: problem}. */
  public static JudgedSampleReader strict() {
    return new JudgedSampleReader(false, 0);
  }

  /** Skips and counts malformed lines, keeping the first {@code maxErrorsKept} messages. */
  public static JudgedSampleReader lenient(int maxErrorsKept) {
    return new JudgedSampleReader(true, maxErrorsKept);
  }

  /** Streams the outcomes of {@code file}; close the stream. */
  public RecordStream<SampleOutcome> open(Path file) throws IOException {
    return new RecordStream<>(file, lenient, maxErrorsKept, (o, f, l, s) -> decode(o));
  }

  private static SampleOutcome decode(JsonNode o) {
    String requestId = JsonFields.requireString(o, "request_id");
    if (requestId.isBlank()) {
      throw new JsonFields.Problem("request_id", "must not be blank");
    }
    int k = JsonFields.requireInt(o, "k");
    if (k < 1) {
      throw new JsonFields.Problem("k", "must be >= 1, got " + k);
    }
    int path = JsonFields.requireInt(o, "path");
    if (path < 0) {
      throw new JsonFields.Problem("path", "must be >= 0, got " + path);
    }
    return new SampleOutcome(requestId, k, path, JsonFields.requireBoolean(o, "corrected"));
  }
}
