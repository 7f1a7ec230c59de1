package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.c2lab.train.device.ComputeDevice;
import org.c2lab.train.device.MemoryStatus;
import org.c2lab.train.device.RuntimeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 doctor}: can this machine run models, and on what? */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check the model runtime: engine and version, native library location and flavor, CUDA and"
          + " GPUs, memory, DJL's cache and offline mode; list what is missing with the fix.",
      "Exit code 0 when models run on the CPU (and on --device, when given); 1 otherwise."
    })
public class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DeviceOptions deviceOptions;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /**
   * What {@code --json} prints.
   *
   * @param healthy whether models run on the CPU and on {@code device}
   * @param device the device checked
   * @param deviceProblem why it cannot be used, or null
   * @param runtime everything measured
   */
  record Diagnosis(boolean healthy, String device, String deviceProblem, RuntimeReport runtime) {}

  @Override
  public Integer call() {
    ComputeDevice device = deviceOptions.device();
    RuntimeReport r = RuntimeReport.probe();
    String deviceProblem = null;
    try {
      device.requireAvailable();
    } catch (IllegalStateException e) {
      deviceProblem = e.getMessage();
    }
    Diagnosis d =
        new Diagnosis(r.healthy() && deviceProblem == null, device.id(), deviceProblem, r);
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(w, d);
      return d.healthy() ? 0 : 1;
    }
    w.printf(
        "engine          %s %s (DJL %s)%n",
        r.engine(), r.engineVersion() == null ? "(not loaded)" : r.engineVersion(), r.djlVersion());
    w.printf("native library  %s (flavor %s)%n", r.libraryPath(), r.flavor());
    w.printf(
        "cuda            libtorch %s CUDA; CUDA runtime %s; %d GPU(s)%n",
        r.cudaBuild() ? "with" : "without",
        r.cudaRuntime() == null ? "none" : r.cudaRuntime(),
        r.gpus().size());
    for (RuntimeReport.Gpu g : r.gpus()) {
      w.printf(
          "  %-13s compute %s, %s%n",
          g.id(),
          g.computeCapability(),
          g.memory() == null
              ? "memory unknown"
              : MemoryStatus.format(g.memory().availableBytes())
                  + " free of "
                  + MemoryStatus.format(g.memory().totalBytes()));
    }
    w.printf("cpu             %s%n", r.cpuWorks() ? "works" : "FAILS");
    w.printf(
        "memory          %s available of %s (%s); JVM heap max %s (weights live outside it)%n",
        MemoryStatus.format(r.host().availableBytes()),
        MemoryStatus.format(r.host().totalBytes()),
        r.host().source(),
        MemoryStatus.format(r.jvmMaxHeapBytes()));
    w.printf("djl cache       %s%n", r.cacheDir());
    w.printf("offline         %s%n", r.offline() ? "yes" : "no");
    w.printf("environment%n");
    for (Map.Entry<String, String> e : r.environment().entrySet()) {
      w.printf("  %-22s %s%n", e.getKey(), e.getValue() == null ? "(unset)" : e.getValue());
    }
    w.printf("device %-8s %s%n", d.device(), deviceProblem == null ? "usable" : "NOT usable");
    if (deviceProblem != null) {
      w.printf("  %s%n", deviceProblem);
    }
    if (!r.findings().isEmpty()) {
      w.printf("findings%n");
      for (RuntimeReport.Finding f : r.findings()) {
        w.printf("  %s: %s%n", f.severity().name().toLowerCase(Locale.ROOT), f.problem());
        w.printf("    fix: %s%n", f.fix());
      }
    }
    w.printf(
        "status          %s%n",
        d.healthy()
            ? "ok: models run on " + d.device()
            : "NOT ok: models cannot run" + (r.healthy() ? " on " + d.device() : ""));
    w.flush();
    return d.healthy() ? 0 : 1;
  }
}
