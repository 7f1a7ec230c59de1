package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 model ...}: local model checkpoints. */
@Command(
    name = "model",
    description = "Local model checkpoints: import, create and describe Hugging Face folders.",
    mixinStandardHelpOptions = true,
    subcommands = {ModelImportLlama2cCommand.class, ModelInitCommand.class, ModelInfoCommand.class})
public class ModelCommand {}
