package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train dpo} and {@code train sft} on the real tiny stories260K model. */
class TrainCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path model;
  private static Path pairs;
  private static Path sft;

  @BeforeAll
  static void importModelAndWriteData() throws Exception {
    model = shared.resolve("stories260K");
    CliHarness.Result r =
        CliHarness.run(
            "model",
            "import-llama2c",
            "--model",
            SharedFixtures.require("models/stories260K/stories260K.bin").toString(),
            "--tokenizer",
            SharedFixtures.require("models/stories260K/tok512.bin").toString(),
            "--out",
            model.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> p = new ArrayList<>();
    List<String> s = new ArrayList<>();
    String[][] rows = {
      {"Can the dog have my toast?", "Let us give the dog a dog treat.", "Yes, give it all."},
      {"Can I paint the cat blue?", "Paint a picture of a blue cat.", "Yes, get the paint."},
      {"Can I jump on the bed?", "Jump on the grass outside.", "Yes, jump very high."},
    };
    for (String[] row : rows) {
      p.add(
          JSON.writeValueAsString(Map.of("prompt", row[0], "chosen", row[1], "rejected", row[2])));
      s.add(JSON.writeValueAsString(Map.of("prompt", row[0], "response", row[1])));
    }
    pairs = Files.write(shared.resolve("pairs.jsonl"), p);
    sft = Files.write(shared.resolve("sft.jsonl"), s);
  }

  private CliHarness.Result train(String kind, String data, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                kind,
                kind.equals("dpo") ? "--pairs" : "--data",
                data,
                "--model",
                model.toString(),
                "--out",
                out.toString(),
                "--template",
                "llama2",
                "--batch-size",
                "2",
                "--runs",
                dir.resolve("runs").toString(),
                "--seed",
                "3"));
    args.addAll(Arrays.asList(extra));
    return CliHarness.run(args.toArray(String[]::new));
  }

  @Test
  void dpoTrainsExportsAndPrintsProgressAndJson() throws Exception {
    Path out = dir.resolve("dpo-run");
    CliHarness.Result r =
        train("dpo", pairs.toString(), out, "--lora-rank", "4", "--epochs", "2", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode s = JSON.readTree(r.out());
    assertEquals("dpo", s.get("kind").asText());
    assertTrue(s.get("runId").asText().matches("dpo-run-[0-9a-f]{8}"), r.out());
    assertEquals(4, s.get("steps").asInt());
    assertEquals(3, s.get("examples").asInt());
    assertTrue(s.get("lastMetrics").has("rewards/margins"), r.out());
    assertTrue(r.err().contains("step 4/4  loss "), r.err());
    assertTrue(r.err().contains("margins") && r.err().contains("ETA"), r.err());
    assertTrue(Files.exists(out.resolve("model/model.safetensors")));
    assertTrue(Files.exists(out.resolve("model/provenance.json")));
    assertEquals(4, Files.readAllLines(out.resolve("metrics.jsonl")).size());
    // the exported folder carries the template trained with
    assertTrue(Files.readString(out.resolve("model/tokenizer_config.json")).contains("[INST]"));

    CliHarness.Result again =
        train("dpo", pairs.toString(), out, "--lora-rank", "4", "--epochs", "2");
    assertEquals(CliErrors.BAD_INPUT, again.exitCode());
    assertTrue(again.err().contains("--resume") || again.err().contains("resume"), again.err());

    CliHarness.Result resumed =
        train(
            "dpo",
            pairs.toString(),
            out,
            "--lora-rank",
            "4",
            "--epochs",
            "2",
            "--resume",
            "--json");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertEquals(4, JSON.readTree(resumed.out()).get("resumedAt").asInt());

    CliHarness.Result changed =
        train("dpo", pairs.toString(), out, "--lora-rank", "8", "--epochs", "2", "--resume");
    assertEquals(CliErrors.BAD_INPUT, changed.exitCode());
    assertTrue(changed.err().contains("training.lora.rank"), changed.err());
  }

  @Test
  void sftTrainsFullyWithATable() {
    Path out = dir.resolve("sft-run");
    CliHarness.Result r = train("sft", sft.toString(), out, "--full", "--lr", "1e-3");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("steps      2"), r.out());
    assertTrue(r.out().contains("loss"), r.out());
    assertTrue(Files.exists(out.resolve("model/model.safetensors")));
  }

  @Test
  void dpoOverAnF16BaseLogsTheLossScale() throws Exception {
    Path out = dir.resolve("dpo-f16");
    CliHarness.Result r =
        train(
            "dpo",
            pairs.toString(),
            out,
            "--lora-rank",
            "4",
            "--epochs",
            "3",
            "--base-dtype",
            "f16",
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    List<String> log = Files.readAllLines(out.resolve("metrics.jsonl"));
    assertEquals(6, log.size());
    // GradScaler's schedule: start at 2^16, halve after each skipped (overflowing) step
    double scale = 65536;
    double skipped = 0;
    for (String line : log) {
      JsonNode row = JSON.readTree(line);
      assertEquals(scale, row.get("loss_scale").asDouble(), line);
      double now = row.get("skipped_steps").asDouble();
      assertTrue(now == skipped || now == skipped + 1, line);
      assertEquals(now == skipped, row.has("grad_norm"), line); // a skipped step has no norm
      scale = now > skipped ? scale / 2 : scale;
      skipped = now;
    }
    assertTrue(skipped < log.size(), "every step overflowed: " + log);
    // the base keeps its dtype in the export (stories260K is stored in F32)
    assertTrue(Files.exists(out.resolve("model/model.safetensors")));
  }

  @Test
  void badInputIsReportedWithExitCodeTwo() throws Exception {
    CliHarness.Result f16Full =
        train("dpo", pairs.toString(), dir.resolve("w"), "--full", "--base-dtype", "f16");
    assertEquals(CliErrors.BAD_INPUT, f16Full.exitCode());
    assertTrue(f16Full.err().contains("F32"), f16Full.err());

    CliHarness.Result both =
        train("dpo", pairs.toString(), dir.resolve("x"), "--full", "--lora-rank", "4");
    assertEquals(CliErrors.BAD_INPUT, both.exitCode());
    assertTrue(both.err().contains("--full"), both.err());

    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"prompt\": \"Hi\", \"chosen\": 3}\n");
    CliHarness.Result malformed = train("dpo", bad.toString(), dir.resolve("y"));
    assertEquals(CliErrors.BAD_INPUT, malformed.exitCode());
    assertTrue(malformed.err().startsWith("error: bad.jsonl:1: chosen"), malformed.err());

    CliHarness.Result loss = train("dpo", pairs.toString(), dir.resolve("z"), "--loss", "kto");
    assertEquals(CliErrors.BAD_INPUT, loss.exitCode());
    assertTrue(loss.err().contains("unknown loss"), loss.err());
  }
}
