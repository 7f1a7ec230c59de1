package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 data ...}: dataset files. */
@Command(
    name = "data",
    description = "Dataset files: validate and describe.",
    mixinStandardHelpOptions = true,
    subcommands = {DataInspectCommand.class})
public class DataCommand {}
