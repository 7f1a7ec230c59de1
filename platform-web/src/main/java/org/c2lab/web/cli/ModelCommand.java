package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 model ...}: model checkpoints, and serving a model. */
@Command(
    name = "model",
    description =
        "Model checkpoints: import, create, describe Hugging Face folders; generate, logits;"
            + " serve over HTTP.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ModelImportLlama2cCommand.class,
      ModelInitCommand.class,
      ModelInfoCommand.class,
      ModelGenerateCommand.class,
      ModelLogitsCommand.class,
      ModelServeCommand.class
    })
public class ModelCommand {}
