package org.c2lab.web.cli;

import java.io.PrintWriter;
import org.c2lab.core.metrics.CorrAtK;
import org.c2lab.core.metrics.CorrectionReport;
import org.c2lab.core.metrics.MetricNames;

/** The one table of Corr@k and Corr_mean that every command prints. */
final class ReportTable {
  private ReportTable() {}

  static void print(PrintWriter out, CorrectionReport report) {
    out.printf("%-9s %8s %8s %8s   %s%n", "METRIC", "PATHS", "YES", "RATE", "WILSON 95%");
    for (CorrAtK c : report.perK()) {
      out.printf(
          "%-9s %8d %8d %8.3f   [%.3f, %.3f]%n",
          c.metricName(), c.count(), c.yes(), c.rate(), c.wilson95().lower(), c.wilson95().upper());
    }
    out.printf(
        "%-9s %8s %8s %8.3f   [%.3f, %.3f] bootstrap, %d resamples of %d requests, seed %d%n",
        MetricNames.CORR_MEAN,
        "",
        "",
        report.corrMean(),
        report.corrMeanInterval().lower(),
        report.corrMeanInterval().upper(),
        report.bootstrap().resamples(),
        report.requests(),
        report.bootstrap().seed());
    out.flush();
  }
}
