package org.c2lab.web.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The progress line protocol between a child and the queue. */
class ProgressReportTest {
  @Test
  void progressLinesRoundTripAndOtherLinesAreIgnored() {
    ProgressReport p = new ProgressReport(12, 40, 95L, "step 12/40 \"loss\" 0.5");
    assertEquals(
        "c2-progress {\"done\":12,\"total\":40,\"etaSeconds\":95,\"message\":\"step 12/40 \\\"loss\\\" 0.5\"}",
        p.toLine());
    assertEquals(p, ProgressReport.parse(p.toLine()).orElseThrow());
    assertEquals(
        new ProgressReport(3, -1, null, ""),
        ProgressReport.parse("c2-progress {\"done\":3,\"total\":-1}").orElseThrow());
    assertEquals(Optional.empty(), ProgressReport.parse("step 12/40 loss 0.5"));
    assertEquals(Optional.empty(), ProgressReport.parse("c2-progress {torn"));
  }
}
