package org.c2lab.web.runs;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.c2lab.eval.c2eval.C2EvalJob;
import org.c2lab.eval.synthesis.C2SynJob;
import org.c2lab.web.C2Application;
import org.c2lab.web.backend.ModelSpec;

/**
 * How the queue runs a run: as a child process of the same application ({@code java -cp <this JVM's
 * class path> org.c2lab.web.C2Application <kind words> --opt value ... --out <runDir>/out
 * [--resume]}) in the server's working directory, its stdout and stderr appended to {@code
 * <runDir>/log.txt}, with {@code C2_HOME} as the server's, {@code C2_PROGRESS=json} and {@code
 * C2_PARENT_PID} set. Also which lane a run waits in.
 */
final class QueueLaunch {
  /** C2-Syn's pairs file under a run's {@code out/}. */
  static final String SYN_PAIRS = "pairs.jsonl";

  /** The run's log under its directory. */
  static final String LOG = "log.txt";

  /** The lane of runs on CPUs. */
  static final String CPU = "cpu";

  /** The lane of runs whose model is served elsewhere ({@code PRESET@URL}). */
  static final String REMOTE = "remote";

  private final Path home;
  private final Path workingDir;
  private final List<String> javaOptions;

  QueueLaunch(Path home, Path workingDir, List<String> javaOptions) {
    this.home = home;
    this.workingDir = workingDir;
    this.javaOptions = List.copyOf(javaOptions);
  }

  /**
   * The lane: {@code cuda:N} for {@code --device cuda[:N]} (one run at a time per GPU), {@code
   * remote} for a model given as {@code PRESET@URL}, else {@code cpu}.
   */
  static String lane(RunKind kind, Map<String, String> params) {
    String device = params.getOrDefault("device", "cpu");
    if (device.startsWith("cuda")) {
      return device.equals("cuda") ? "cuda:0" : device;
    }
    String model = params.get(RunParameters.modelParameter(kind));
    if (model != null && ModelSpec.parse(model) instanceof ModelSpec.Remote) {
      return REMOTE;
    }
    return CPU;
  }

  /** The output option's value: the folder {@code out/}, or C2-Syn's pairs file in it. */
  static Path outOption(RunKind kind, Path out) {
    return kind == RunKind.C2_SYN ? out.resolve(SYN_PAIRS) : out;
  }

  /**
   * Whether a relaunch can continue what {@code out} holds; a run that stopped before writing
   * anything starts afresh (C2-Eval and C2-Syn refuse {@code --resume} with nothing to resume).
   */
  static boolean canResume(RunKind kind, Path out) {
    return switch (kind) {
      case C2_EVAL -> C2EvalJob.hasRun(out);
      case C2_SYN -> C2SynJob.hasRun(out.resolve(SYN_PAIRS));
      case SFT, DPO -> Files.isDirectory(out);
    };
  }

  /** The {@code ./c2} arguments of a run: its kind's words, its options, the server's options. */
  static List<String> arguments(
      RunKind kind, Map<String, String> params, Path runDir, boolean resume) {
    List<String> args = new ArrayList<>(kind.command());
    params.forEach(
        (name, value) -> {
          args.add("--" + name);
          if (RunParameters.find(kind, name).orElseThrow().type() != ParameterSpec.Type.FLAG) {
            args.add(value);
          }
        });
    Path out = runDir.resolve("out");
    args.add("--out");
    args.add(outOption(kind, out).toString());
    if (kind == RunKind.SFT || kind == RunKind.DPO) {
      args.add("--runs");
      args.add(runDir.resolve("store").toString());
    }
    if (resume) {
      args.add("--resume");
    }
    return args;
  }

  /** Starts the child for {@code args}, appending its output to the run's log. */
  Process start(Path runDir, List<String> args) throws IOException {
    Files.createDirectories(runDir.resolve("out"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(javaOptions);
    command.add(C2Application.class.getName());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve(LOG).toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
    Map<String, String> env = pb.environment();
    env.put("C2_HOME", home.toString());
    env.put(ProgressReport.ENV, ProgressReport.JSON_MODE);
    env.put(ProgressReport.PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
    return pb.start();
  }

  private static String nullDevice() {
    return System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";
  }

  /** Files under {@code dir}, relative to it, sorted. */
  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    }
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
