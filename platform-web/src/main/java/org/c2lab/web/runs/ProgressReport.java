package org.c2lab.web.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.c2lab.core.job.Progress;

/**
 * The machine-readable progress line a {@code ./c2} job prints to stderr when the environment has
 * {@code C2_PROGRESS=json}, and the queue reads from the run's log:
 *
 * <pre>{@code c2-progress {"done":120,"total":640,"etaSeconds":192,"message":"judged r12/k30"}}
 * </pre>
 *
 * {@code total} is -1 when unknown; {@code etaSeconds} is absent while unknown.
 *
 * @param done units done
 * @param total units in all, or -1
 * @param etaSeconds estimated seconds left, or null
 * @param message what the job is doing
 */
public record ProgressReport(long done, long total, Long etaSeconds, String message) {
  /** What starts every progress line. */
  public static final String PREFIX = "c2-progress ";

  /** The environment variable that switches the lines on, with value {@value #JSON_MODE}. */
  public static final String ENV = "C2_PROGRESS";

  /** The value of {@link #ENV} that asks for JSON progress lines. */
  public static final String JSON_MODE = "json";

  /**
   * The environment variable with the pid of the process that launched the job: when it is gone,
   * the job cancels itself (as on Ctrl-C), so no run outlives its server.
   */
  public static final String PARENT_PID_ENV = "C2_PARENT_PID";

  private static final ObjectMapper JSON = new ObjectMapper();

  public ProgressReport {
    message = message == null ? "" : message;
  }

  /** The report of a job's progress event. */
  public static ProgressReport of(Progress p) {
    return new ProgressReport(
        p.done(), p.total(), p.eta() == null ? null : p.eta().toSeconds(), p.message());
  }

  /** The line to print, without a line break. */
  public String toLine() {
    ObjectNode o = JSON.createObjectNode();
    o.put("done", done);
    o.put("total", total);
    if (etaSeconds != null) {
      o.put("etaSeconds", etaSeconds);
    }
    o.put("message", message);
    return PREFIX + o;
  }

  /** The report on {@code line}, or empty when it is not a (well-formed) progress line. */
  public static Optional<ProgressReport> parse(String line) {
    Objects.requireNonNull(line, "line");
    int at = line.indexOf(PREFIX);
    if (at < 0) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(line.substring(at + PREFIX.length()));
      if (n == null || !n.isObject() || !n.path("done").isIntegralNumber()) {
        return Optional.empty();
      }
      JsonNode eta = n.get("etaSeconds");
      return Optional.of(
          new ProgressReport(
              n.get("done").asLong(),
              n.path("total").asLong(-1),
              eta == null || !eta.isNumber() ? null : eta.asLong(),
              n.path("message").asText("")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
