package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 models ...}: the model presets of the paper. */
@Command(
    name = "models",
    description = "The paper's model presets.",
    mixinStandardHelpOptions = true,
    subcommands = {ModelsListCommand.class})
public class ModelsCommand {}
