package org.c2lab.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the read-only {@code ../shared} folder beside the repository. Tests that use it call
 * {@link #require(String)}, which skips the test cleanly when the folder (or the file) is absent.
 */
public final class SharedFixtures {
  private SharedFixtures() {}

  /**
   * The repository root: the {@code c2.repo.root} system property set by Surefire, else the cwd.
   */
  public static Path repoRoot() {
    String prop = System.getProperty("c2.repo.root");
    Path start = Paths.get(prop != null ? prop : "").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git")) || Files.exists(p.resolve("c2"))) {
        return p;
      }
    }
    return start;
  }

  /** {@code ../shared}, or the folder named by the {@code C2_SHARED} environment variable. */
  public static Path sharedDir() {
    String env = System.getenv("C2_SHARED");
    return env != null ? Paths.get(env) : repoRoot().resolveSibling("shared");
  }

  /** The given path below shared/, or skips the calling test when it is not there. */
  public static Path require(String relative) {
    Path p = sharedDir().resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), () -> "shared fixture absent, skipping: " + p);
    return p;
  }
}
