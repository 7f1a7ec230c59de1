package org.c2lab.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.store.InMemoryRunStore;
import org.c2lab.train.TinyModel;
import org.c2lab.train.ToyPreferences;
import org.c2lab.train.finetune.TrainingConfig;
import org.c2lab.train.finetune.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grad mode is per thread in libtorch and DJL switches it off only on the thread that loads the
 * engine; a server runs jobs on other threads, where it is on. Training must not depend on it.
 */
class TrainingThreadTest {
  @TempDir Path dir;

  @Test
  void trainsOnAThreadWhereGradModeIsOn() throws Exception {
    Engine.getInstance(); // loaded here, on the test's thread
    Path model = TinyModel.write(dir.resolve("m"), 3);
    Path data = ToyPreferences.writeSft(dir.resolve("sft.jsonl"), 4);
    TrainingConfig c =
        TrainingConfig.builder(model, dir.resolve("out"))
            .learningRate(1e-2)
            .batchSize(2)
            .epochs(1)
            .warmupRatio(0)
            .checkpointEvery(0)
            .build();
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      TrainingResult r =
          worker
              .submit(
                  () -> {
                    JniUtils.setGradMode(true); // a fresh thread's libtorch default
                    return new SftJob(
                            "sft", new SftConfig(c, data), new InMemoryRunStore(), false, List.of())
                        .run(new LocalJobContext("sft", dir.resolve("ctx")));
                  })
              .get();
      assertEquals(2, r.steps());
    } finally {
      worker.shutdownNow();
    }
  }
}
