package org.c2lab.core.provenance;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Finds the git commit of the code that produced a result. Sources are tried in order: the {@code
 * C2_GIT_COMMIT} environment variable (set it in containers and CI, where there is no {@code
 * .git}), {@code git rev-parse HEAD}, then reading {@code .git/HEAD} directly (no git binary
 * needed). When none answers the commit is {@link #UNKNOWN}: provenance never fails a run.
 */
public final class GitCommit {
  /** The value recorded when no source knows the commit. */
  public static final String UNKNOWN = "unknown";

  /** Environment variable that overrides discovery. */
  public static final String ENV_VAR = "C2_GIT_COMMIT";

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

  /** One way of learning the commit of the checkout containing {@code dir}. */
  @FunctionalInterface
  interface Source {
    Optional<String> commit(Path dir);
  }

  private final List<Source> sources;

  GitCommit(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  /**
   * The commit of the platform's own code: of the checkout containing the classes or jar this class
   * was loaded from (not the working directory, which may be any user's repository), or {@link
   * #UNKNOWN} for an installed jar unless {@value #ENV_VAR} is set.
   */
  public static String detect() {
    return detect(codeLocation());
  }

  /** The directory holding this class's classes or jar; the working directory if unknown. */
  static Path codeLocation() {
    try {
      CodeSource source = GitCommit.class.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation() != null) {
        Path location = Path.of(source.getLocation().toURI());
        return Files.isDirectory(location) ? location : location.getParent();
      }
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      // a non-file code source (e.g. a custom class loader): fall through
    }
    return Path.of("").toAbsolutePath();
  }

  /** The commit of the checkout containing {@code dir}, or {@link #UNKNOWN}. */
  public static String detect(Path dir) {
    return standard(System::getenv).find(dir);
  }

  /** The standard source order, reading environment variables through {@code env}. */
  static GitCommit standard(UnaryOperator<String> env) {
    return new GitCommit(
        List.of(dir -> fromEnv(env), GitCommit::fromGitCommand, GitCommit::fromHeadFile));
  }

  String find(Path dir) {
    Path absolute = dir.toAbsolutePath();
    return sources.stream()
        .map(s -> s.commit(absolute))
        .flatMap(Optional::stream)
        .findFirst()
        .orElse(UNKNOWN);
  }

  static Optional<String> fromEnv(UnaryOperator<String> env) {
    String value = env.apply(ENV_VAR);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  static Optional<String> fromGitCommand(Path dir) {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "HEAD")
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] out = git.getInputStream().readAllBytes();
      if (!git.waitFor(10, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return Optional.empty();
      }
      return git.exitValue() == 0 ? sha(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // no git binary, or dir is unreadable
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Reads {@code .git/HEAD} in {@code dir} or its nearest ancestor, following one symbolic ref. */
  static Optional<String> fromHeadFile(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      Path dotGit = p.resolve(".git");
      if (Files.exists(dotGit)) {
        try {
          Optional<Path> gitDir = gitDir(dotGit);
          return gitDir.isPresent() ? resolveHead(gitDir.get()) : Optional.empty();
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** {@code .git} is a directory, or (worktrees, submodules) a file "gitdir: path". */
  private static Optional<Path> gitDir(Path dotGit) throws IOException {
    if (Files.isDirectory(dotGit)) {
      return Optional.of(dotGit);
    }
    String content = Files.readString(dotGit).strip();
    if (!content.startsWith("gitdir:")) {
      return Optional.empty();
    }
    return Optional.of(dotGit.resolveSibling(content.substring("gitdir:".length()).strip()));
  }

  private static Optional<String> resolveHead(Path gitDir) throws IOException {
    String head = Files.readString(gitDir.resolve("HEAD")).strip();
    if (!head.startsWith("ref:")) {
      return sha(head); // detached HEAD holds the commit itself
    }
    String ref = head.substring("ref:".length()).strip();
    // A linked worktree keeps branch refs in the common dir named by "commondir".
    Path common = gitDir;
    Path commonFile = gitDir.resolve("commondir");
    if (Files.isRegularFile(commonFile)) {
      common = gitDir.resolve(Files.readString(commonFile).strip()).normalize();
    }
    for (Path base : List.of(gitDir, common)) {
      Path loose = base.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return sha(Files.readString(loose));
      }
    }
    return packedRef(common.resolve("packed-refs"), ref);
  }

  private static Optional<String> packedRef(Path packedRefs, String ref) throws IOException {
    if (!Files.isRegularFile(packedRefs)) {
      return Optional.empty();
    }
    for (String line : Files.readAllLines(packedRefs)) {
      String[] parts = line.strip().split(" ", 2);
      if (parts.length == 2 && parts[1].equals(ref)) {
        return sha(parts[0]);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> sha(String text) {
    String candidate = text.strip();
    return SHA.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
  }
}
