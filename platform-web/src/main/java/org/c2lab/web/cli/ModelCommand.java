package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 model ...}: local model checkpoints. */
@Command(
    name = "model",
    description = "Local model checkpoints: import into Hugging Face layout.",
    mixinStandardHelpOptions = true,
    subcommands = {ModelImportLlama2cCommand.class})
public class ModelCommand {}
