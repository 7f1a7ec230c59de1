package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 model ...}: model checkpoints, and serving a model. */
@Command(
    name = "model",
    description = "Model checkpoints: import into Hugging Face layout; serve over HTTP.",
    mixinStandardHelpOptions = true,
    subcommands = {ModelImportLlama2cCommand.class, ModelServeCommand.class})
public class ModelCommand {}
