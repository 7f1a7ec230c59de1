package org.c2lab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.c2lab.core.testing.SharedFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every command of the README's tour through the real {@code ./c2} script (after the jar is
 * packaged), so the README cannot drift from what the tool does.
 */
class ReadmeExamplesIT {
  private static final String MARKER =
      "<!-- the commands in this block are run by ReadmeExamplesIT -->";

  static Stream<String> tourCommands() throws Exception {
    List<String> lines = Files.readAllLines(SharedFixtures.repoRoot().resolve("README.md"));
    int start = lines.indexOf(MARKER);
    assertTrue(start >= 0, "README has lost its tested tour block");
    List<String> commands = new ArrayList<>();
    for (int i = start + 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
      if (lines.get(i).startsWith("./c2 ")) {
        commands.add(lines.get(i));
      }
    }
    assertFalse(commands.isEmpty(), "no commands in the README tour");
    return commands.stream();
  }

  @ParameterizedTest
  @MethodSource("tourCommands")
  void readmeCommandSucceeds(String line) throws Exception {
    // c2-data/models/ holds what earlier tour commands made from ../shared.
    Assumptions.assumeTrue(
        !(line.contains("../shared/") || line.contains("c2-data/models/"))
            || Files.isDirectory(SharedFixtures.sharedDir()),
        "needs ../shared, which is absent");
    List<String> words = C2Script.words(line);
    C2Script.Result r = C2Script.run(words.subList(1, words.size()));
    assertEquals(0, r.exitCode(), line + "\n" + r.err());
    assertFalse(r.out().isBlank(), line + " printed nothing");
  }

  @Test
  void helpListsEveryLeafCommandWithADescription() throws Exception {
    C2Script.Result r = C2Script.run(List.of("--help"));
    assertEquals(0, r.exitCode(), r.err());
    for (String command :
        List.of(
            "data inspect",
            "models list",
            "template render",
            "prefill",
            "metrics report",
            "metrics compare",
            "model import-llama2c",
            "judge train",
            "judge evaluate",
            "judge agreement",
            "eval c2",
            "eval compare",
            "syn",
            "train dpo",
            "train sft",
            "model serve",
            "model init",
            "model info",
            "doctor")) {
      assertTrue(
          r.out().lines().anyMatch(l -> l.startsWith("  " + command + " ") && l.length() > 30),
          "--help lacks '" + command + "' with a description:\n" + r.out());
    }
  }
}
