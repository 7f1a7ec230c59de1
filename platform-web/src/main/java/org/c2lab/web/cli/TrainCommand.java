package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 train ...}: fine-tuning on DJL. */
@Command(
    name = "train",
    description = "Fine-tune models on DJL: DPO on preference pairs, SFT on prompt/response pairs.",
    mixinStandardHelpOptions = true,
    subcommands = {TrainDpoCommand.class, TrainSftCommand.class})
public class TrainCommand {}
