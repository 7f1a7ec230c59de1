package org.c2lab.train.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.c2lab.train.device.ComputeDevice;
import org.c2lab.train.device.MemoryStatus;
import org.c2lab.train.device.PyTorchNatives;
import org.c2lab.train.safetensors.SafetensorsCheckpoint;
import org.c2lab.train.tokenizer.TextTokenizer;

/**
 * A Hugging Face model folder loaded on DJL's PyTorch engine: {@code config.json} picks the {@link
 * ModelFamily}, the safetensors weights are copied into native arrays (F32 on the CPU, F16 on a
 * GPU; see {@link ComputeDevice}), {@code tokenizer.json} (when present) is opened with DJL's
 * tokenizers. Closing frees all native memory.
 *
 * <pre>{@code
 * try (LocalModel model = LocalModel.open(dir)) {
 *   float[] next = model.nextTokenLogits(new long[] {1, 403});
 * }
 * }</pre>
 */
public final class LocalModel implements AutoCloseable {
  private final Path dir;
  private final ModelConfig config;
  private final ModelFamily family;
  private final NDManager manager;
  private final CausalLm network;
  private final TextTokenizer tokenizer;

  private LocalModel(
      Path dir,
      ModelConfig config,
      ModelFamily family,
      NDManager manager,
      CausalLm network,
      TextTokenizer tokenizer) {
    this.dir = dir;
    this.config = config;
    this.family = family;
    this.manager = manager;
    this.network = network;
    this.tokenizer = tokenizer;
  }

  /** Opens {@code dir} on the CPU. */
  public static LocalModel open(Path dir) throws IOException {
    return open(dir, new ComputeDevice.Cpu());
  }

  /** Opens {@code dir} with weights on {@code device} (F16 on a GPU). */
  public static LocalModel open(Path dir, Device device) throws IOException {
    return open(dir, ComputeDevice.of(device));
  }

  /**
   * Opens {@code dir} on {@code device}, with weights in its {@link ComputeDevice#weightType()}.
   * Before allocating anything, checks that the device is usable and that the weights plus a
   * {@value #LOAD_CHECK_CONTEXT}-position run fit in the memory it has free.
   *
   * @throws NotEnoughMemoryException when they do not
   * @throws IllegalStateException when the device cannot be used (e.g. CUDA without a CUDA
   *     libtorch)
   */
  public static LocalModel open(Path dir, ComputeDevice device) throws IOException {
    ModelConfig config = ModelFamilies.readConfig(dir.resolve(ModelConfig.FILE_NAME));
    ModelFamily family;
    try {
      family = ModelFamilies.forConfig(config);
      family.validate(config);
    } catch (ConfigException e) {
      throw e.inFile(ModelConfig.FILE_NAME);
    }
    device.requireAvailable();
    TextTokenizer tokenizer = null;
    try (SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(dir)) {
      requireMemory(dir, config, weights, device);
      NDManager manager = PyTorchNatives.engine().newBaseManager(device.djl());
      CausalLm network;
      try {
        network = family.load(config, weights, manager, device.weightType());
      } catch (IOException | RuntimeException e) {
        manager.close();
        throw e;
      }
      try {
        Path tokenizerJson = dir.resolve(TextTokenizer.FILE_NAME);
        if (Files.exists(tokenizerJson)) {
          tokenizer = TextTokenizer.open(tokenizerJson);
        }
        return new LocalModel(dir, config, family, manager, network, tokenizer);
      } catch (IOException | RuntimeException e) {
        network.close();
        manager.close();
        throw e;
      }
    }
  }

  /** Positions of the run the memory check at load time adds to the weights. */
  public static final int LOAD_CHECK_CONTEXT = 512;

  private static void requireMemory(
      Path dir, ModelConfig config, SafetensorsCheckpoint weights, ComputeDevice device) {
    MemoryStatus free = device.memory().orElse(null);
    if (free == null) {
      return; // cannot measure: let the allocator decide
    }
    long parameters = 0;
    for (String name : weights.names()) {
      parameters += weights.info(name).elementCount();
    }
    int context = Math.min(LOAD_CHECK_CONTEXT, config.maxPositionEmbeddings());
    MemoryEstimate need = MemoryEstimate.of(config, parameters, device.weightType(), context, 1);
    if (need.totalBytes() > free.availableBytes()) {
      throw new NotEnoughMemoryException(dir + " on " + device.id(), need, free);
    }
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** Its config.json. */
  public ModelConfig config() {
    return config;
  }

  /** The family running it. */
  public ModelFamily family() {
    return family;
  }

  /** The network, for decoders and trainers. */
  public CausalLm network() {
    return network;
  }

  /** The manager owning the model; create inputs in a sub-manager or inside an NDScope. */
  public NDManager manager() {
    return manager;
  }

  /** The tokenizer, when the folder has {@code tokenizer.json}. */
  public Optional<TextTokenizer> tokenizer() {
    return Optional.ofNullable(tokenizer);
  }

  /** Next-token logits after the last of {@code ids} (one full forward pass, no cache). */
  public float[] nextTokenLogits(long[] ids) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray input = manager.create(ids).reshape(1, ids.length);
      return network.forward(input, null, true).toFloatArray();
    }
  }

  @Override
  public void close() {
    try {
      if (tokenizer != null) {
        tokenizer.close();
      }
    } finally {
      network.close();
      manager.close();
    }
  }
}
