package org.c2lab.train.safetensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A safetensors file (or index) that cannot be used as it is. The message is {@code FILE: tensor
 * 'NAME': problem}, or {@code FILE: problem} when no single tensor is at fault, where FILE is the
 * file name without folders.
 */
public final class SafetensorsException extends IOException {
  private final transient Path file;
  private final String tensor;
  private final String problem;

  /** A problem with one tensor ({@code tensor} may be null for a file-level problem). */
  public SafetensorsException(Path file, String tensor, String problem) {
    super(message(file, tensor, problem));
    this.file = Objects.requireNonNull(file, "file");
    this.tensor = tensor;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** A problem with the file as a whole. */
  public SafetensorsException(Path file, String problem) {
    this(file, null, problem);
  }

  private static String message(Path file, String tensor, String problem) {
    String name = file.getFileName() != null ? file.getFileName().toString() : file.toString();
    return tensor == null ? name + ": " + problem : name + ": tensor '" + tensor + "': " + problem;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }

  /** The tensor at fault, if the problem is with one tensor. */
  public Optional<String> tensor() {
    return Optional.ofNullable(tensor);
  }

  /** What is wrong, without the file and tensor names. */
  public String problem() {
    return problem;
  }
}
