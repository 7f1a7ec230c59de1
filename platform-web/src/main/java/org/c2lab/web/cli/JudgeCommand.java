package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 judge ...}: train and evaluate judges, and measure how far two judges agree. */
@Command(
    name = "judge",
    description = "Train and evaluate the classifier judge; agreement between two judges.",
    mixinStandardHelpOptions = true,
    subcommands = {
      JudgeTrainCommand.class,
      JudgeEvaluateCommand.class,
      JudgeAgreementCommand.class
    })
public class JudgeCommand {}
