package org.c2lab.eval.synthesis;

import java.nio.file.Path;
import org.c2lab.core.job.JobResult;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.model.SamplingParams;

/**
 * Runs C2-Syn over a data file in its own JVM, so a test can give it a small heap: {@code
 * SynHeapProbe DATA OUT}. Prints the pairs written; exits 2 when the job fails.
 */
public final class SynHeapProbe {
  private SynHeapProbe() {}

  public static void main(String[] args) {
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    C2SynConfig config =
        C2SynConfig.builder(data, out, SynRuns.MODEL)
            .generation(SamplingParams.greedy(8))
            .batchRequests(16)
            .build();
    JobResult<C2SynResult> r =
        JobResult.run(
            new C2SynJob("heap", config, SynRuns.model()),
            LocalJobContext.underRoot("heap", out.toAbsolutePath().getParent()));
    if (r.status() != JobStatus.SUCCEEDED) {
      r.error().printStackTrace();
      System.exit(2);
    }
    System.out.println(r.value().pairsWritten());
  }
}
