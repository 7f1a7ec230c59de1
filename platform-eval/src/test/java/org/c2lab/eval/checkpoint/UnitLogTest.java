package org.c2lab.eval.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.c2lab.core.data.MalformedDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitLogTest {
  @TempDir Path tmp;

  private static String line(String unit, int i) {
    return "{\"unit\":\"" + unit + "\",\"i\":" + i + "}";
  }

  private UnitLog open(Path file) throws IOException {
    return UnitLog.open(file, 2, n -> n.path("unit").asText());
  }

  @Test
  void aNewLogIsCreatedEmpty() throws IOException {
    UnitLog log = open(tmp.resolve("a.jsonl"));
    assertEquals(0, log.units());
    assertEquals(Optional.empty(), log.lastUnitKey());
    assertTrue(Files.exists(tmp.resolve("a.jsonl")));
  }

  @Test
  void appendedUnitsAreCountedAndFoundAgainOnReopening() throws IOException {
    Path file = tmp.resolve("a.jsonl");
    UnitLog log = open(file);
    log.append(List.of(line("u1", 0), line("u1", 1), line("u2", 0), line("u2", 1)));
    log.append(List.of(line("u3", 0), line("u3", 1)));
    assertEquals(3, log.units());
    assertEquals(Optional.of("u3"), log.lastUnitKey());

    UnitLog again = open(file);
    assertEquals(3, again.units());
    assertEquals(Optional.of("u3"), again.lastUnitKey());
    assertEquals(0, again.droppedBytes());
    List<Integer> seen = new ArrayList<>();
    again.forEach(n -> seen.add(n.get("i").asInt()));
    assertEquals(List.of(0, 1, 0, 1, 0, 1), seen);
  }

  @Test
  void openingCutsOffATornLineAndThePartialUnitBeforeIt() throws IOException {
    Path file = tmp.resolve("a.jsonl");
    open(file).append(List.of(line("u1", 0), line("u1", 1)));
    String whole = Files.readString(file);
    Files.writeString(file, line("u2", 0) + "\n{\"unit\":\"u2\",\"i", StandardOpenOption.APPEND);

    UnitLog log = open(file);

    assertEquals(1, log.units());
    assertEquals(whole, Files.readString(file));
    assertTrue(log.droppedBytes() > 0);
  }

  @Test
  void aUnitOfTheWrongSizeInTheMiddleIsRefusedWithItsLine() throws IOException {
    Path file = tmp.resolve("a.jsonl");
    Files.writeString(
        file,
        String.join("\n", line("u1", 0), line("u2", 0), line("u2", 1)) + "\n",
        StandardCharsets.UTF_8);
    MalformedDataException e = assertThrows(MalformedDataException.class, () -> open(file));
    assertEquals("a.jsonl:2: <unit>: unit u1 has 1 lines, expected 2", e.getMessage());
  }

  @Test
  void aLineWithoutTheUnitFieldIsReportedWithItsLine() throws IOException {
    Path file = tmp.resolve("a.jsonl");
    Files.writeString(file, "{\"other\":1}\n{\"other\":2}\n");
    MalformedDataException e =
        assertThrows(
            MalformedDataException.class,
            () ->
                UnitLog.open(
                    file,
                    1,
                    n -> {
                      if (!n.has("unit")) {
                        throw new IllegalArgumentException("unit: missing");
                      }
                      return n.get("unit").asText();
                    }));
    assertEquals("a.jsonl:1: <unit>: unit: missing", e.getMessage());
  }

  @Test
  void onlyWholeUnitsCanBeAppended() throws IOException {
    UnitLog log = open(tmp.resolve("a.jsonl"));
    assertThrows(IllegalArgumentException.class, () -> log.append(List.of(line("u1", 0))));
  }

  @Test
  void truncatingToUnitsKeepsTheFirstOnes() throws IOException {
    Path file = tmp.resolve("a.jsonl");
    UnitLog log = open(file);
    log.append(List.of(line("u1", 0), line("u1", 1), line("u2", 0), line("u2", 1)));
    log.truncateToUnits(1);
    assertEquals(1, log.units());
    assertEquals(Optional.of("u1"), log.lastUnitKey());
    assertEquals(2, Files.readAllLines(file).size());
  }

  @Test
  void keepFirstLinesCutsTheRestAndReportsFewerWhenTheFileIsShorter() throws IOException {
    Path file = tmp.resolve("pairs.jsonl");
    Files.writeString(file, "{}\n{}\n{}\n{\"torn");
    assertEquals(2, UnitLog.keepFirstLines(file, 2));
    assertEquals("{}\n{}\n", Files.readString(file));
    assertEquals(2, UnitLog.keepFirstLines(file, 5));
    assertEquals(0, UnitLog.keepFirstLines(tmp.resolve("absent.jsonl"), 3));
  }
}
