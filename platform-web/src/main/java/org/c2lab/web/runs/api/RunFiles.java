package org.c2lab.web.runs.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A file of a run by its relative path, refusing anything outside the run's folder. */
final class RunFiles {
  private RunFiles() {}

  /**
   * The regular file {@code relative} inside {@code dir} (symbolic links resolved).
   *
   * @throws ApiProblem 400 for a path leaving the folder, 404 for a missing file
   */
  static Path resolve(Path dir, String relative) {
    Path root;
    Path file;
    try {
      if (relative.contains("\0") || Path.of(relative).isAbsolute()) {
        throw new ApiProblem(400, "path: must be relative to the run's folder", "path");
      }
      root = dir.toRealPath();
      Path candidate = root.resolve(relative).normalize();
      if (!candidate.startsWith(root)) {
        throw new ApiProblem(400, "path: must stay inside the run's folder", "path");
      }
      if (!Files.isRegularFile(candidate)) {
        throw new ApiProblem(404, "no file " + relative + " in this run", "path");
      }
      file = candidate.toRealPath();
    } catch (InvalidPathException e) {
      throw new ApiProblem(400, "path: not a valid path", "path");
    } catch (IOException e) {
      throw new ApiProblem(404, "no file " + relative + " in this run", "path");
    }
    if (!file.startsWith(root)) {
      throw new ApiProblem(400, "path: must stay inside the run's folder", "path");
    }
    return file;
  }
}
