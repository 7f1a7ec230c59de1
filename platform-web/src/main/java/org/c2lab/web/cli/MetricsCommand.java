package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 metrics ...}: Corr@k statistics over judged samples. */
@Command(
    name = "metrics",
    description = "Corr@k and Corr_mean with intervals; paired comparison of two runs.",
    mixinStandardHelpOptions = true,
    subcommands = {MetricsReportCommand.class, MetricsCompareCommand.class})
public class MetricsCommand {}
