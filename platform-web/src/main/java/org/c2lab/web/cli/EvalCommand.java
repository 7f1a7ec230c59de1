package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 eval ...}: C2-Eval runs. */
@Command(
    name = "eval",
    description = "C2-Eval runs: compare two runs path by path.",
    mixinStandardHelpOptions = true,
    subcommands = {EvalC2Command.class, EvalCompareCommand.class})
public class EvalCommand {}
