package org.c2lab.web.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.c2lab.core.provenance.Sha256;

/**
 * Where the platform keeps its data: {@code $C2_HOME} (the {@code ./c2} launcher sets it to {@code
 * ./c2-data} by default): {@code runs/} for job outputs, {@code store/} for the run store.
 */
public final class C2Home {
  private C2Home() {}

  /** {@code $C2_HOME} (system property {@code c2.home} first), absolute. */
  public static Path root() {
    String home = System.getProperty("c2.home", System.getenv("C2_HOME"));
    return Paths.get(home != null && !home.isBlank() ? home : "c2-data").toAbsolutePath();
  }

  /** Where job outputs go: {@code $C2_HOME/runs}. */
  public static Path runs() {
    return root().resolve("runs");
  }

  static Path store() {
    return root().resolve("store");
  }

  /** A stable job id for an output location, so rerunning with --resume finds the same run. */
  static String jobId(String kind, Path out) {
    String hash = Sha256.of(out.toAbsolutePath().normalize().toString()).substring(0, 12);
    return kind + "-" + hash;
  }
}
