package org.c2lab.train.device;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code ./c2 doctor} reports: the engine and its native library, CUDA and GPUs, memory, DJL's
 * cache and offline mode, and what is missing with how to fix it. {@link #probe()} measures it;
 * nothing here throws: a failing part becomes a finding.
 *
 * @param engine engine name ({@code PyTorch})
 * @param engineVersion libtorch version, or null when the engine did not load
 * @param djlVersion DJL's version
 * @param libraryPath the folder libtorch was loaded from, or null
 * @param flavor libtorch build flavor ({@code cpu}, {@code cu128}, ...)
 * @param cudaBuild whether this libtorch was built with CUDA
 * @param cudaRuntime the CUDA runtime version the driver offers (e.g. {@code 12.8}), or null
 * @param gpus GPUs the CUDA runtime sees (whatever libtorch's build), with their memory
 * @param cpuWorks whether a small computation ran on the CPU
 * @param jvmMaxHeapBytes the JVM's heap limit (weights live outside it, in native memory)
 * @param host physical memory
 * @param cacheDir DJL's cache folder (extracted natives)
 * @param offline whether DJL may download ({@code -Dai.djl.offline=true} forbids it)
 * @param environment the variables that steer DJL's native library, set or not (null)
 * @param findings problems and notes, each with its fix
 */
public record RuntimeReport(
    String engine,
    String engineVersion,
    String djlVersion,
    String libraryPath,
    String flavor,
    boolean cudaBuild,
    String cudaRuntime,
    List<Gpu> gpus,
    boolean cpuWorks,
    long jvmMaxHeapBytes,
    MemoryStatus host,
    String cacheDir,
    boolean offline,
    Map<String, String> environment,
    List<Finding> findings) {

  /** The environment variables DJL's PyTorch engine reads to find libtorch. */
  public static final List<String> VARIABLES =
      List.of(
          "PYTORCH_LIBRARY_PATH",
          "PYTORCH_VERSION",
          "PYTORCH_FLAVOR",
          "PYTORCH_PRECXX11",
          "DJL_CACHE_DIR",
          "ENGINE_CACHE_DIR",
          "LD_LIBRARY_PATH");

  public RuntimeReport {
    gpus = List.copyOf(gpus);
    findings = List.copyOf(findings);
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /**
   * One GPU.
   *
   * @param id {@code cuda:N}
   * @param computeCapability e.g. {@code 90}, or null
   * @param memory its memory, or null when it cannot be read
   */
  public record Gpu(String id, String computeCapability, MemoryStatus memory) {}

  /** How bad a finding is. */
  public enum Severity {
    /** Nothing runs. */
    ERROR,
    /** Something will not work as expected. */
    WARNING,
    /** Worth knowing; nothing is wrong. */
    NOTE
  }

  /**
   * Something missing or worth knowing.
   *
   * @param severity how bad
   * @param problem what is the matter
   * @param fix what to do about it
   */
  public record Finding(Severity severity, String problem, String fix) {
    public Finding {
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(fix, "fix");
    }
  }

  /** Whether models can run: the engine loaded and computes on the CPU. */
  public boolean healthy() {
    return cpuWorks && findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
  }

  /** Measures this JVM's runtime. Loads the engine if it is not loaded yet. */
  public static RuntimeReport probe() {
    List<Finding> findings = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    VARIABLES.forEach(v -> env.put(v, System.getenv(v)));
    boolean offline = Boolean.getBoolean("ai.djl.offline");
    String version = null;
    String path = null;
    String flavor = "unknown";
    boolean cudaBuild = false;
    boolean cpuWorks = false;
    try {
      Engine engine = PyTorchNatives.engine();
      version = engine.getVersion();
      path = PyTorchNatives.libraryPath();
      flavor = PyTorchNatives.flavor();
      cudaBuild = engine.hasCapability(StandardCapabilities.CUDA);
      cpuWorks = cpuComputes(engine);
      if (!cpuWorks) {
        findings.add(
            new Finding(
                Severity.ERROR,
                "libtorch loaded but 1 + 2 did not give 3 on the CPU",
                "remove DJL's cache folder so the natives are extracted again; see docs/gpu.md"));
      }
    } catch (RuntimeException | LinkageError e) {
      findings.add(
          new Finding(
              Severity.ERROR,
              "the PyTorch engine did not load: " + e.getMessage(),
              "without PYTORCH_LIBRARY_PATH, DJL extracts the CPU natives bundled in c2's jar"
                  + " into DJL_CACHE_DIR (default ~/.djl.ai; needs ~500 MB free); with it, the"
                  + " folder must hold libtorch "
                  + PyTorchNatives.EXPECTED_VERSION
                  + " (see docs/gpu.md)"));
    }
    List<Gpu> gpus = probeGpus();
    String cudaRuntime = probeCudaRuntime();
    addGpuFindings(findings, version, flavor, cudaBuild, gpus, env);
    if (!offline) {
      findings.add(
          new Finding(
              Severity.NOTE,
              "DJL may download (natives, telemetry): ai.djl.offline is not set",
              "run with -Dai.djl.offline=true (./c2 does)"));
    }
    return new RuntimeReport(
        PyTorchNatives.ENGINE,
        version,
        Engine.getDjlVersion(),
        path,
        flavor,
        cudaBuild,
        cudaRuntime,
        gpus,
        cpuWorks,
        java.lang.Runtime.getRuntime().maxMemory(),
        HostMemory.status(),
        Utils.getEngineCacheDir().toString(),
        offline,
        env,
        findings);
  }

  private static boolean cpuComputes(Engine engine) {
    try (NDManager m = engine.newBaseManager();
        NDArray a = m.create(new float[] {1, 2});
        NDArray sum = a.sum()) {
      return sum.getFloat() == 3f;
    }
  }

  private static List<Gpu> probeGpus() {
    List<Gpu> out = new ArrayList<>();
    try {
      int n = CudaUtils.getGpuCount();
      for (int i = 0; i < n; i++) {
        ComputeDevice.Cuda cuda = new ComputeDevice.Cuda(i);
        String capability;
        try {
          capability = CudaUtils.getComputeCapability(i);
        } catch (RuntimeException e) {
          capability = null;
        }
        out.add(new Gpu(cuda.id(), capability, cuda.memory().orElse(null)));
      }
    } catch (RuntimeException | LinkageError e) {
      // no CUDA runtime on this machine: an empty list says so
    }
    return out;
  }

  private static String probeCudaRuntime() {
    try {
      return CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : null;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static void addGpuFindings(
      List<Finding> findings,
      String version,
      String flavor,
      boolean cudaBuild,
      List<Gpu> gpus,
      Map<String, String> env) {
    if (version != null && !version.equals(PyTorchNatives.EXPECTED_VERSION)) {
      findings.add(
          new Finding(
              Severity.WARNING,
              "libtorch "
                  + version
                  + " is loaded; the JNI binding is built for "
                  + PyTorchNatives.EXPECTED_VERSION,
              "install libtorch "
                  + PyTorchNatives.EXPECTED_VERSION
                  + " and set PYTORCH_VERSION="
                  + PyTorchNatives.EXPECTED_VERSION));
    }
    if (gpus.isEmpty() && !cudaBuild) {
      findings.add(
          new Finding(
              Severity.NOTE,
              "no CUDA: CPU only (libtorch flavor " + flavor + ", no GPU visible)",
              "on a GPU server: " + PyTorchNatives.CUDA_FIX));
    } else if (!gpus.isEmpty() && !cudaBuild) {
      findings.add(
          new Finding(
              Severity.WARNING,
              gpus.size()
                  + " GPU(s) visible, but the loaded libtorch (flavor "
                  + flavor
                  + ") has no CUDA support",
              PyTorchNatives.CUDA_FIX));
    } else if (gpus.isEmpty()) {
      findings.add(
          new Finding(
              Severity.WARNING,
              "libtorch has CUDA support but the CUDA runtime sees no GPU",
              "check the driver with nvidia-smi and that the CUDA 12.8 runtime libraries are on"
                  + " LD_LIBRARY_PATH (currently "
                  + env.get("LD_LIBRARY_PATH")
                  + ")"));
    }
    String requested = env.get("PYTORCH_FLAVOR");
    if (requested != null && requested.startsWith("cu") && !cudaBuild && version != null) {
      findings.add(
          new Finding(
              Severity.WARNING,
              "PYTORCH_FLAVOR=" + requested + " but the loaded libtorch has no CUDA support",
              "PYTORCH_LIBRARY_PATH must name the lib folder of a CUDA build of libtorch "
                  + PyTorchNatives.EXPECTED_VERSION
                  + " (see docs/gpu.md)"));
    }
  }
}
