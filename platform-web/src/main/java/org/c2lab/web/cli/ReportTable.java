package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.c2lab.core.metrics.CorrAtK;
import org.c2lab.core.metrics.CorrectionReport;
import org.c2lab.core.metrics.McNemar;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.core.metrics.PairedComparison;

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

  /** McNemar per k and overall, then the Corr_mean difference with its paired interval. */
  static void printPaired(PrintWriter out, PairedComparison c) {
    String format = "%-8s %9s %7s %7s %9s %10s%n";
    out.printf(format, "K", "BOTH YES", "A ONLY", "B ONLY", "BOTH NO", "McNEMAR p");
    for (Map.Entry<Integer, McNemar> e : c.perK().entrySet()) {
      pairedRow(out, format, MetricNames.corrAt(e.getKey()), e.getValue());
    }
    pairedRow(out, format, "overall", c.overall());
    out.printf(
        "%s  A %.3f  B %.3f  B-A %+.3f  [%.3f, %.3f] paired bootstrap, %d resamples%n",
        MetricNames.CORR_MEAN,
        c.corrMeanA(),
        c.corrMeanB(),
        c.corrMeanDifference(),
        c.differenceInterval().lower(),
        c.differenceInterval().upper(),
        c.bootstrap().resamples());
  }

  private static void pairedRow(PrintWriter out, String format, String label, McNemar m) {
    out.printf(
        format,
        label,
        m.bothYes(),
        m.aYesBNo(),
        m.aNoBYes(),
        m.bothNo(),
        String.format("%.4g", m.pValue()));
  }
}
