package org.c2lab.train.device;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts about the libtorch that DJL loaded: where, which version, which build flavor ({@code cpu},
 * {@code cu128}, ...), how many GPUs it sees. Asking loads the engine (once per JVM).
 */
public final class PyTorchNatives {
  /** The engine this platform runs on. */
  public static final String ENGINE = "PyTorch";

  /** The libtorch version the JNI binding on the classpath is built for. */
  public static final String EXPECTED_VERSION = "2.7.1";

  /** What to do to get a GPU, said wherever one is missing. */
  public static final String CUDA_FIX =
      "To use a GPU, point DJL at a libtorch "
          + EXPECTED_VERSION
          + " + CUDA 12.8 install: PYTORCH_LIBRARY_PATH=<folder with libtorch.so>,"
          + " PYTORCH_VERSION="
          + EXPECTED_VERSION
          + ", PYTORCH_FLAVOR=cu128 (see docs/gpu.md).";

  /** DJL's cache folders are named VERSION[-BUILD]-FLAVOR-OS-ARCH. */
  private static final Pattern CACHE_FOLDER =
      Pattern.compile(".*-([a-z]+[0-9]*)-(linux|osx|win)-.*");

  private PyTorchNatives() {}

  /** The engine, loading its native library on first use. */
  public static Engine engine() {
    return Engine.getEngine(ENGINE);
  }

  /** libtorch's version, e.g. {@code 2.7.1}. */
  public static String version() {
    return engine().getVersion();
  }

  /** The folder libtorch was loaded from. */
  public static String libraryPath() {
    engine();
    return LibUtils.getLibtorchPath();
  }

  /**
   * The build flavor: {@code PYTORCH_FLAVOR} when set, else read from the name of DJL's cache
   * folder ({@code 2.7.1-20250812-cpu-linux-x86_64} is {@code cpu}), else {@code unknown}.
   */
  public static String flavor() {
    String env = System.getenv("PYTORCH_FLAVOR");
    if (env != null && !env.isBlank()) {
      return env;
    }
    return flavorOf(libraryPath());
  }

  static String flavorOf(String libraryPath) {
    Path name = libraryPath == null ? null : Path.of(libraryPath).getFileName();
    Matcher m = CACHE_FOLDER.matcher(name == null ? "" : name.toString());
    return m.matches() ? m.group(1) : "unknown";
  }

  /** GPUs the engine can use (0 with a CPU build of libtorch). */
  public static int gpuCount() {
    return engine().getGpuCount();
  }
}
