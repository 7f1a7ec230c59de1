package org.c2lab.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitTest {
  private static final String SHA_A = "0123456789abcdef0123456789abcdef01234567";
  private static final String SHA_B = "89abcdef0123456789abcdef0123456789abcdef";

  @Test
  void environmentVariableOverridesEverything(@TempDir Path dir) throws IOException {
    writeRepo(dir, "ref: refs/heads/main\n", Map.of("refs/heads/main", SHA_A));
    GitCommit git = GitCommit.standard(Map.of(GitCommit.ENV_VAR, SHA_B)::get);
    assertEquals(SHA_B, git.find(dir));
  }

  @Test
  void readsABranchRefFromHead(@TempDir Path dir) throws IOException {
    writeRepo(dir, "ref: refs/heads/main\n", Map.of("refs/heads/main", SHA_A + "\n"));
    assertEquals(Optional.of(SHA_A), GitCommit.fromHeadFile(dir));
  }

  @Test
  void readsADetachedHead(@TempDir Path dir) throws IOException {
    writeRepo(dir, SHA_B + "\n", Map.of());
    assertEquals(Optional.of(SHA_B), GitCommit.fromHeadFile(dir));
  }

  @Test
  void fallsBackToPackedRefs(@TempDir Path dir) throws IOException {
    writeRepo(
        dir,
        "ref: refs/heads/dev\n",
        Map.of("packed-refs", "# pack-refs with: peeled\n" + SHA_A + " refs/heads/dev\n"));
    assertEquals(Optional.of(SHA_A), GitCommit.fromHeadFile(dir));
  }

  @Test
  void findsTheRepositoryFromASubdirectory(@TempDir Path dir) throws IOException {
    writeRepo(dir, SHA_A, Map.of());
    Path nested = Files.createDirectories(dir.resolve("a/b/c"));
    assertEquals(Optional.of(SHA_A), GitCommit.fromHeadFile(nested));
  }

  @Test
  void isUnknownWhenNoSourceAnswers(@TempDir Path dir) {
    GitCommit none = new GitCommit(List.of(d -> Optional.empty(), GitCommit::fromHeadFile));
    assertEquals(GitCommit.UNKNOWN, none.find(dir));
  }

  @Test
  void gitCommandAndHeadFileAgreeOnThisCheckout() {
    Path root = SharedFixtures.repoRoot();
    Optional<String> fromCommand = GitCommit.fromGitCommand(root);
    Assumptions.assumeTrue(fromCommand.isPresent(), "git binary or checkout not available");
    assertEquals(fromCommand, GitCommit.fromHeadFile(root));
    assertTrue(fromCommand.get().matches("[0-9a-f]{40}"));
  }

  @Test
  void detectsTheCommitOfThePlatformsOwnCheckoutNotTheWorkingDirectory() {
    Optional<String> expected = GitCommit.fromHeadFile(SharedFixtures.repoRoot());
    Assumptions.assumeTrue(expected.isPresent(), "not running from a git checkout");
    GitCommit withoutEnv = GitCommit.standard(name -> null);
    assertEquals(expected.get(), withoutEnv.find(GitCommit.codeLocation()));
  }

  private static void writeRepo(Path dir, String head, Map<String, String> files)
      throws IOException {
    Path git = Files.createDirectories(dir.resolve(".git"));
    Files.writeString(git.resolve("HEAD"), head);
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = git.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
  }
}
