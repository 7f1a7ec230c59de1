package org.c2lab.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c2lab.core.data.MalformedDataException;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.core.store.InMemoryRunStore;
import org.c2lab.train.TinyModel;
import org.c2lab.train.ToyPreferences;
import org.c2lab.train.finetune.TrainingConfig;
import org.c2lab.train.finetune.TrainingResult;
import org.c2lab.train.model.LocalModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SFT on the shared machinery: the response NLL falls and the export loads. */
class SftJobTest {
  @TempDir Path dir;

  @Test
  void responseNllFallsAndTheExportLoads() throws Exception {
    Path model = TinyModel.write(dir.resolve("m"), 9);
    Path data = ToyPreferences.writeSft(dir.resolve("sft.jsonl"), 8);
    TrainingConfig c =
        TrainingConfig.builder(model, dir.resolve("out"))
            .full()
            .learningRate(1e-2)
            .batchSize(4)
            .epochs(6)
            .warmupRatio(0)
            .checkpointEvery(0)
            .build();
    TrainingResult r =
        new SftJob("sft", new SftConfig(c, data), new InMemoryRunStore(), false, List.of())
            .run(new LocalJobContext("sft", dir.resolve("ctx")));
    assertEquals(12, r.steps());
    List<String> lines = Files.readAllLines(r.metricsLog());
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    JsonNode last = json.readTree(lines.get(lines.size() - 1));
    double l0 = first.get(MetricNames.LOSS).asDouble();
    double l1 = last.get(MetricNames.LOSS).asDouble();
    assertTrue(l0 > Math.log(40) && l1 < 0.5 * l0, l0 + " -> " + l1);
    try (LocalModel exported = LocalModel.open(r.model())) {
      assertEquals(
          c.model().resolve("config.json").toFile().length(),
          exported.dir().resolve("config.json").toFile().length());
    }
  }

  @Test
  void malformedLinesNameFileLineAndField() throws Exception {
    Path data =
        Files.writeString(
            dir.resolve("bad.jsonl"),
            "{\"prompt\": \"Hi\", \"response\": \"Yo\"}\n\n{\"prompt\": \"Hi\"}\n");
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> SftExampleReader.read(data));
    assertEquals("bad.jsonl:3: response: missing", e.getMessage());
  }
}
