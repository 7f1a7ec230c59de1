package org.c2lab.eval.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c2lab.core.data.MalformedDataException;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.JudgeRequest;
import org.c2lab.core.judge.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledExamplesTest {
  @TempDir Path dir;

  @Test
  void readsBothFieldSpellings() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("l.jsonl"),
            "{\"request\":\"r\",\"prefilled_text\":\"p\",\"continuation\":\"c\",\"corrected\":true}\n"
                + "\n"
                + "{\"request\":\"r\",\"prefix\":\"q\",\"continuation\":\"d\",\"label\":false,\"x\":1}\n");
    LabelledExamples l = LabelledExamples.read(file);
    assertEquals(2, l.examples().size());
    assertEquals(new JudgeRequest("r", "q", "d"), l.examples().get(1).request());
    assertEquals(1, l.positives());
    assertEquals(64, l.sha256().length());
  }

  @Test
  void malformedLinesNameFileLineAndField() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bad.jsonl"),
            "{\"request\":\"r\",\"prefilled_text\":\"p\",\"continuation\":\"c\",\"corrected\":true}\n"
                + "{\"request\":\"r\",\"prefilled_text\":\"p\",\"continuation\":\"c\",\"label\":\"yes\"}\n");
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> LabelledExamples.read(file));
    assertEquals("bad.jsonl:2: label: expected boolean, got \"yes\"", e.getMessage());
    Path missing =
        Files.writeString(dir.resolve("m.jsonl"), "{\"request\":\"r\",\"continuation\":\"c\"}\n");
    e = assertThrows(MalformedDataException.class, () -> LabelledExamples.read(missing));
    assertEquals("m.jsonl:1: prefilled_text: missing", e.getMessage());
    Path notJson = Files.writeString(dir.resolve("n.jsonl"), "{oops\n");
    e = assertThrows(MalformedDataException.class, () -> LabelledExamples.read(notJson));
    assertTrue(e.getMessage().startsWith("n.jsonl:1: <json>: invalid JSON"), e.getMessage());
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("e.jsonl"), "\n");
    assertThrows(IllegalArgumentException.class, () -> LabelledExamples.read(file));
  }

  @Test
  void evaluationCountsEveryCell() {
    // labels: Y Y Y N N N N ; judge says yes for continuations containing "!"
    List<LabelledExample> examples =
        List.of(
            ex("!", true),
            ex("!", true),
            ex(".", true),
            ex("!", false),
            ex(".", false),
            ex(".", false),
            ex(".", false));
    Judge bang =
        new Judge() {
          @Override
          public String id() {
            return "bang";
          }

          @Override
          public Verdict judge(JudgeRequest r) {
            return Verdict.of(r.continuation().contains("!"), "bang");
          }
        };
    JudgeEvaluation e = JudgeEvaluation.evaluate(bang, examples);
    assertEquals(new BinaryConfusion(2, 1, 1, 3), e.confusion());
    assertEquals(5.0 / 7, e.accuracy(), 1e-12);
    assertEquals(2.0 / 3, e.precision(), 1e-12);
    assertEquals(2.0 / 3, e.recall(), 1e-12);
    assertEquals(2.0 / 3, e.f1(), 1e-12);
  }

  @Test
  void undefinedRatesAreNaN() {
    BinaryConfusion none = new BinaryConfusion(0, 0, 0, 4);
    assertTrue(Double.isNaN(none.precision()));
    assertTrue(Double.isNaN(none.recall()));
    assertTrue(Double.isNaN(none.f1()));
    assertEquals(1.0, none.accuracy());
    assertEquals(0.0, new BinaryConfusion(0, 2, 3, 0).f1());
  }

  private static LabelledExample ex(String continuation, boolean corrected) {
    return new LabelledExample(new JudgeRequest("r", "p", continuation), corrected);
  }
}
