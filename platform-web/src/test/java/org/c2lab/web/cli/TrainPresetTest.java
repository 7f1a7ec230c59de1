package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.c2lab.train.finetune.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The presets under {@code configs/}: they parse, carry c2-protocol.md's defaults, yield to flags.
 */
class TrainPresetTest {
  // Surefire runs in the module folder; the presets live at the repository root.
  private static final Path CONFIGS = Path.of("..", "configs");

  @TempDir Path dir;

  /** Parses {@code train KIND --config preset extra...} and returns the subcommand's object. */
  private static Object parse(String kind, Path preset, String... extra) {
    // Only the train subtree: the full tree needs Micronaut's factory for other commands.
    CommandLine root = new CommandLine(CommandSpec.create());
    root.addSubcommand("train", new CommandLine(TrainCommand.class));
    List<String> args =
        new ArrayList<>(
            List.of("train", kind, "--config", preset.toString(), "--model", "m", "--out", "o"));
    args.addAll(List.of(kind.equals("dpo") ? "--pairs" : "--data", "d.jsonl"));
    args.addAll(List.of(extra));
    String[] a = args.toArray(String[]::new);
    TrainPreset.install(root, a);
    root.parseArgs(a);
    return root.getSubcommands().get("train").getSubcommands().get(kind).getCommand();
  }

  private static TrainingOptions options(Object command) {
    return command instanceof TrainDpoCommand d ? d.training : ((TrainSftCommand) command).training;
  }

  @Test
  void everyPresetParsesAndCarriesTheProtocolDefaults() throws Exception {
    List<Path> presets;
    try (Stream<Path> s = Files.list(CONFIGS)) {
      presets = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(presets.size() >= 3, "presets: " + presets);
    for (Path preset : presets) {
      String name = preset.getFileName().toString();
      String kind = name.substring(0, name.indexOf('-'));
      Object command = parse(kind, preset);
      TrainingConfig c = options(command).config();
      double lr = c.full() ? TrainingConfig.FULL_LEARNING_RATE : TrainingConfig.LORA_LEARNING_RATE;
      assertEquals(name.contains("-full"), c.full(), name);
      assertEquals(lr, c.learningRate(), 0, name);
      assertEquals(1, c.epochs(), name);
      assertEquals(512, c.truncation().maxLength(), name);
      if (command instanceof TrainDpoCommand d) {
        assertEquals(0.1, d.beta, 0, name);
        assertEquals("sigmoid", d.loss, name);
      }
    }
  }

  @Test
  void flagsOverrideThePreset() {
    Path preset = CONFIGS.resolve("dpo-lora.json");
    TrainDpoCommand d =
        (TrainDpoCommand) parse("dpo", preset, "--beta", "0.25", "--lr", "1e-4", "--epochs", "3");
    TrainingConfig c = d.training.config();
    assertEquals(0.25, d.beta, 0);
    assertEquals(1e-4, c.learningRate(), 0);
    assertEquals(3, c.epochs());
    assertEquals(16, c.lora().rank()); // still from the preset
    assertFalse(c.full());
  }

  @Test
  void unknownAndNonScalarFieldsFailWithFileAndField() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"beta\": 0.1, \"betta\": 0.2}");
    var e = assertThrows(IllegalArgumentException.class, () -> parse("dpo", bad));
    assertTrue(e.getMessage().startsWith(bad + ": betta: "), e.getMessage());
    Path model = Files.writeString(dir.resolve("model.json"), "{\"model\": \"x\"}");
    e = assertThrows(IllegalArgumentException.class, () -> parse("dpo", model));
    assertTrue(e.getMessage().startsWith(model + ": model: "), e.getMessage()); // per-run, required
    Path nested = Files.writeString(dir.resolve("nested.json"), "{\"lr\": {\"full\": 1}}");
    e = assertThrows(IllegalArgumentException.class, () -> parse("sft", nested));
    assertTrue(e.getMessage().startsWith(nested + ": lr: "), e.getMessage());
    Path sftBeta = Files.writeString(dir.resolve("sft.json"), "{\"beta\": 0.1}");
    e = assertThrows(IllegalArgumentException.class, () -> parse("sft", sftBeta));
    assertTrue(e.getMessage().startsWith(sftBeta + ": beta: "), e.getMessage());
  }

  @Test
  void theCliReportsABadPresetAsBadInput() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"epoch\": 1}");
    CliHarness.Result r =
        CliHarness.run(
            "train",
            "dpo",
            "--config",
            bad.toString(),
            "--model",
            "m",
            "--out",
            "o",
            "--pairs",
            "p");
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertTrue(r.err().contains(bad + ": epoch: "), r.err());
  }
}
