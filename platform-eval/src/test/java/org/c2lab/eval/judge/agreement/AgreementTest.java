package org.c2lab.eval.judge.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c2lab.core.metrics.SampleKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementTest {
  @TempDir Path dir;

  @Test
  void textbookExampleGivesKappaPointFour() {
    // Two readers on 50 grant proposals: 20 both yes, 5 A-only, 10 B-only, 15 both no.
    // po = 35/50 = 0.7; pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7-0.5)/(1-0.5) = 0.4
    Agreement a = Agreement.fromCounts(20, 5, 10, 15, List.of());
    assertEquals(50, a.samples());
    assertEquals(0.7, a.observedAgreement(), 1e-12);
    assertEquals(0.5, a.expectedAgreement(), 1e-12);
    assertEquals(0.4, a.kappa(), 1e-12);
  }

  @Test
  void secondTextbookExample() {
    // 45 / 15 / 25 / 15 of 100: po = 0.6; pe = 0.6*0.7 + 0.4*0.3 = 0.54; kappa = 0.06/0.46
    Agreement a = Agreement.fromCounts(45, 15, 25, 15, List.of());
    assertEquals(0.54, a.expectedAgreement(), 1e-12);
    assertEquals(0.06 / 0.46, a.kappa(), 1e-12);
  }

  @Test
  void perfectAgreementIsOneAndConstantIdenticalJudgesAreUndefined() {
    assertEquals(1.0, Agreement.fromCounts(3, 0, 0, 2, List.of()).kappa(), 1e-12);
    assertTrue(Double.isNaN(Agreement.fromCounts(4, 0, 0, 0, List.of()).kappa()));
    assertEquals(-1.0, Agreement.fromCounts(0, 2, 2, 0, List.of()).kappa(), 1e-12);
  }

  @Test
  void pairsTwoFilesOnRequestKAndPath() throws IOException {
    // A: r1/10/0 Y, r1/10/1 Y, r1/20/0 N, r2/10/0 N ; B (other order): Y, N, N, Y
    Path a =
        write(
            "a.jsonl",
            line("r1", 10, 0, true),
            line("r1", 10, 1, true),
            line("r1", 20, 0, false),
            line("r2", 10, 0, false));
    Path b =
        write(
            "b.jsonl",
            line("r2", 10, 0, true),
            line("r1", 20, 0, false),
            line("r1", 10, 1, false),
            line("r1", 10, 0, true));
    Agreement g = Agreement.between(a, b);
    assertEquals(1, g.bothYes());
    assertEquals(1, g.aYesBNo());
    assertEquals(1, g.aNoBYes());
    assertEquals(1, g.bothNo());
    assertEquals(0.0, g.kappa(), 1e-12);
    assertEquals(
        List.of(new SampleKey("r1", 10, 1), new SampleKey("r2", 10, 0)), g.disagreements());
  }

  @Test
  void differentSamplesAreRefusedWithAnExample() throws IOException {
    Path a = write("a.jsonl", line("r1", 10, 0, true), line("r1", 10, 1, true));
    Path b = write("b.jsonl", line("r1", 10, 0, true));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Agreement.between(a, b));
    assertTrue(e.getMessage().contains("1 only in A (e.g. r1/k=10/path=1)"), e.getMessage());
  }

  @Test
  void aRepeatedSampleIsRefused() throws IOException {
    Path a = write("a.jsonl", line("r1", 10, 0, true), line("r1", 10, 0, false));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Agreement.between(a, a));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("", lines));
  }

  private static String line(String request, int k, int path, boolean corrected) {
    return String.format(
        "{\"request_id\":\"%s\",\"k\":%d,\"path\":%d,\"corrected\":%b}%n",
        request, k, path, corrected);
  }
}
