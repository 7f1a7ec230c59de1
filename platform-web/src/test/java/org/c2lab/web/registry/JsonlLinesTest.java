package org.c2lab.web.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLinesTest {
  @TempDir Path dir;

  @Test
  void skipsBlankLinesAndKeepsLineNumbersOffsetsAndText() throws Exception {
    Path f = dir.resolve("a.jsonl");
    byte[] bytes =
        "\uFEFF{\"a\":1}\r\n\n  \n{\"b\":\"é\"}\n{\"c\":3}".getBytes(StandardCharsets.UTF_8);
    Files.write(f, bytes);
    List<JsonlLines.Line> lines = new ArrayList<>();
    try (JsonlLines in = new JsonlLines(f, 0, 1)) {
      for (JsonlLines.Line l = in.next(); l != null; l = in.next()) {
        lines.add(l);
      }
    }
    assertEquals(3, lines.size());
    assertEquals(new JsonlLines.Line(1, 0, "{\"a\":1}"), lines.get(0));
    assertEquals(4, lines.get(1).number());
    assertEquals("{\"b\":\"é\"}", lines.get(1).text());
    assertEquals(5, lines.get(2).number());

    try (JsonlLines in = new JsonlLines(f, lines.get(1).offset(), 4)) {
      assertEquals(lines.get(1), in.next());
      assertEquals(lines.get(2), in.next());
      assertNull(in.next());
    }
  }

  @Test
  void theIndexSeeksToAnyRowOfALargeFile() throws Exception {
    Path f = dir.resolve("big.jsonl");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append("{\"i\":").append(i).append("}\n");
      if (i % 7 == 0) {
        text.append('\n');
      }
    }
    Files.writeString(f, text);
    LineIndex index = LineIndex.build(f);
    assertEquals(1000, index.rows());
    for (long row : new long[] {0, 255, 256, 513, 999}) {
      try (JsonlLines in = index.openAt(f, row)) {
        JsonlLines.Line l = in.next();
        for (long r = row - row % LineIndex.STRIDE; r < row; r++) {
          l = in.next();
        }
        assertEquals("{\"i\":" + row + "}", l.text());
      }
    }
  }
}
