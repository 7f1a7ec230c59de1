package org.c2lab.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.train.TinyModel;
import org.c2lab.train.batch.TokenizedPair;
import org.c2lab.train.batch.TokenizedSequence;
import org.c2lab.train.device.ComputeDevice;
import org.c2lab.train.finetune.FineTunedModel;
import org.c2lab.train.finetune.TrainingPrecision;
import org.c2lab.train.lora.LoraConfig;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.optim.AdamW;
import org.c2lab.train.optim.GlobalNormClipping;
import org.c2lab.train.optim.LearningRateSchedule;
import org.c2lab.train.optim.LossScaler;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.training.StepReport;
import org.c2lab.train.training.Trainer;
import org.c2lab.train.training.TrainingListener;
import org.c2lab.train.training.TrainingPlan;

/**
 * Benchmark (not a test): one DPO optimizer step (4 pairs, 128 tokens per sequence, cached
 * reference, clipping, AdamW) on a random Llama of ~10M or ~100M parameters, full or LoRA; prints
 * the median step time, tokens/s, the fp32 matmul rate of this machine measured in the same
 * process, and the peak RSS. The Python counterpart is dpo_step_torch.py (same shapes). Usage:
 * {@code DpoStepBenchmark 10m|100m full|lora DIR [f16]}: the first call with a new DIR writes the
 * random checkpoint there and exits, so that the measured JVM's peak RSS holds only the training;
 * {@code f16} runs LoRA over an F16 base (mixed precision with loss scaling, as on a GPU).
 */
public final class DpoStepBenchmark {
  private static final int PAIRS = 4;
  private static final int PROMPT = 32;
  private static final int RESPONSE = 96;
  private static final int WARMUP = 2;
  private static final int MEASURED = 6;

  private DpoStepBenchmark() {}

  /** Model sizes: hidden, layers, heads, intermediate, vocab. */
  static int[] size(String name) {
    return switch (name) {
      case "10m" -> new int[] {256, 6, 8, 688, 8192};
      case "100m" -> new int[] {768, 8, 12, 2048, 32000};
      default -> throw new IllegalArgumentException("size 10m or 100m");
    };
  }

  public static void main(String[] args) throws Exception {
    String sizeName = args.length > 0 ? args[0] : "10m";
    boolean lora = args.length > 1 && args[1].equals("lora");
    boolean f16 = lora && args.length > 3 && args[3].equals("f16");
    int[] s = size(sizeName);
    Path dir = Path.of(args[2]);
    if (!Files.exists(dir.resolve("model.safetensors"))) {
      TinyModel.writeWeights(dir, 1, s[0], s[1], s[2], s[2], s[3], s[4], 0.02, DType.F32);
      System.out.println("wrote " + dir + "; run again to measure");
      return;
    }
    double gflops = matmulGflops();
    try (LocalModel base =
            LocalModel.open(
                dir,
                (f16 ? TrainingPrecision.F16_BASE : TrainingPrecision.F32_BASE)
                    .apply(new ComputeDevice.Cpu()));
        FineTunedModel model =
            lora
                ? FineTunedModel.lora(
                    base, new LoraConfig(16, 32, 0.05, LoraConfig.ALL_PROJECTIONS), 1)
                : FineTunedModel.full(base)) {
      Random rnd = new Random(1);
      List<TokenizedPair> pairs = new ArrayList<>();
      for (int i = 0; i < PAIRS * (WARMUP + MEASURED); i++) {
        int[] prompt = ids(rnd, PROMPT, s[4]);
        pairs.add(
            new TokenizedPair(
                new TokenizedSequence(prompt, ids(rnd, RESPONSE, s[4])),
                new TokenizedSequence(prompt, ids(rnd, RESPONSE, s[4])),
                false));
      }
      double[] ref = new double[pairs.size()];
      Arrays.fill(ref, -500);
      DpoObjective objective =
          new DpoObjective(
              model.network(),
              pairs,
              new CachedReference(ref, ref.clone()),
              new DpoLoss(new SigmoidLoss(), 0.1, 0));
      long params = 0;
      for (NDArray p : model.network().parameters().values()) {
        params += p.size();
      }
      long matmulParams = params - (long) s[4] * s[0]; // the embedding lookup is no matmul
      List<Double> times = new ArrayList<>();
      TrainingListener timer =
          new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
              times.add(r.time().toNanos() / 1e9);
            }
          };
      TrainingPlan plan = new TrainingPlan(pairs.size(), PAIRS, 1, 1, 1);
      try (AdamW adam = new AdamW(model.parameters(), AdamW.Settings.DEFAULT, base.manager())) {
        new Trainer(
                objective,
                adam,
                new LearningRateSchedule(
                    1e-5, 0, plan.totalSteps(), LearningRateSchedule.Decay.LINEAR),
                GlobalNormClipping.DEFAULT,
                plan,
                base.manager(),
                List.of(timer),
                f16 ? LossScaler.dynamic(LossScaler.Settings.TORCH) : LossScaler.disabled())
            .run(0, new LocalJobContext("bench", dir.resolve("ctx")));
      }
      List<Double> measured = new ArrayList<>(times.subList(WARMUP, times.size()));
      measured.sort(null);
      double median = measured.get(measured.size() / 2);
      long tokens = 2L * PAIRS * (PROMPT + RESPONSE);
      // fwd 2 + bwd 4 FLOPs per matmul weight and token (LoRA: the frozen base still runs fwd and
      // the input-gradient half of bwd, so ~4); attention scores excluded: a lower bound.
      double flops = (lora ? 4.0 : 6.0) * matmulParams * tokens;
      System.out.printf(
          Locale.ROOT,
          "djl %s %s params %.1fM  step median %.3f s (min %.3f)  %.0f tok/s  %.1f GFLOP/s = %.0f%%"
              + " of matmul %.1f GFLOP/s  peak RSS %d MB  threads %s%n",
          sizeName,
          lora ? (f16 ? "lora-f16base" : "lora") : "full",
          params / 1e6,
          median,
          measured.get(0),
          tokens / median,
          flops / median / 1e9,
          100 * flops / median / 1e9 / gflops,
          gflops,
          peakRssMb(),
          System.getProperty("ai.djl.pytorch.num_threads", "default"));
    }
  }

  private static int[] ids(Random rnd, int n, int vocab) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = 3 + rnd.nextInt(vocab - 3);
    }
    return out;
  }

  /** Best of 5 timings of a 2048^3 F32 matmul through DJL (libtorch's BLAS). */
  static double matmulGflops() {
    int n = 2048;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(n, n));
      NDArray b = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(n, n));
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 6; i++) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          long t = System.nanoTime();
          a.matMul(b);
          best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
      }
      return 2.0 * n * n * n / best / 1e9;
    }
  }

  static long peakRssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
