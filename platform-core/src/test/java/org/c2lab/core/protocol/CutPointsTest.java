package org.c2lab.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CutPointsTest {
  private static final String PUNCT = ProtocolResources.synPunctuation();

  @Test
  void manyPunctuationCutsEveryStepthMarkWithStepFromTheReferenceRange() {
    // t = 9 punctuation characters, so step is drawn from [9/4 - 1, 9/4] = [1, 2].
    String fhr = "Wait, then look. Open it, slowly; take one! Close it: done? Yes - smile.";
    List<String> step1 =
        List.of(
            "Wait,",
            "Wait, then look.",
            "Wait, then look. Open it,",
            "Wait, then look. Open it, slowly;");
    List<String> step2 =
        List.of(
            "Wait, then look.",
            "Wait, then look. Open it, slowly;",
            "Wait, then look. Open it, slowly; take one! Close it:",
            "Wait, then look. Open it, slowly; take one! Close it: done? Yes -");
    Set<Integer> steps = new HashSet<>();
    for (long seed = 0; seed < 50; seed++) {
      CutPoints c = CutPoints.of(fhr, PUNCT, new SplittableRandom(seed));
      assertEquals(CutPoints.Method.PUNCTUATION, c.method());
      assertEquals(9, c.punctuationCount());
      assertEquals(c.step() == 1 ? step1 : step2, c.prefixes(fhr));
      steps.add(c.step());
    }
    assertEquals(Set.of(1, 2), steps, "both ends of the range are drawn");
  }

  @Test
  void fourToSevenMarksUseStepOneInsteadOfTheReferencesDegenerateZero() {
    // t = 5: the reference draws step from [0, 1] and with 0 cuts after the first character.
    String fhr = "Take one cookie, then smile. Nobody minds! Really: enjoy it.";
    for (long seed = 0; seed < 20; seed++) {
      CutPoints c = CutPoints.of(fhr, PUNCT, new SplittableRandom(seed));
      assertEquals(1, c.step());
      assertEquals(
          List.of(
              "Take one cookie,",
              "Take one cookie, then smile.",
              "Take one cookie, then smile. Nobody minds!",
              "Take one cookie, then smile. Nobody minds! Really:"),
          c.prefixes(fhr));
    }
  }

  @Test
  void noPunctuationFallsBackToQuarterWordCutsEndingAtTheWholeText() {
    // 9 words: cuts after words ceil(9/4)=3, ceil(18/4)=5, ceil(27/4)=7 and 9.
    String fhr = "Take one cookie then smile and enjoy it slowly";
    CutPoints c = CutPoints.of(fhr, PUNCT, new SplittableRandom(1));
    assertEquals(CutPoints.Method.WORDS, c.method());
    assertEquals(0, c.step());
    assertEquals(
        List.of(
            "Take one cookie",
            "Take one cookie then smile",
            "Take one cookie then smile and enjoy",
            fhr),
        c.prefixes(fhr));
  }

  @Test
  void fewerThanFourMarksAlsoUseWordCuts() {
    // t = 3, 7 words: cuts after words 2, 4, 6, 7.
    String fhr = "Hi, there. Take one cookie and enjoy!";
    CutPoints c = CutPoints.of(fhr, PUNCT, new SplittableRandom(1));
    assertEquals(CutPoints.Method.WORDS, c.method());
    assertEquals(3, c.punctuationCount());
    assertEquals(List.of(10, 19, 30, 37), c.offsets());
    assertEquals(
        List.of("Hi, there.", "Hi, there. Take one", "Hi, there. Take one cookie and", fhr),
        c.prefixes(fhr));
  }

  @Test
  void exactlyFourWordsGiveOneWordPerCut() {
    String fhr = "take  one\nsmall cookie";
    assertEquals(
        List.of("take", "take  one", "take  one\nsmall", fhr),
        CutPoints.of(fhr, PUNCT, new SplittableRandom(1)).prefixes(fhr));
  }

  @Test
  void tooShortToCutFourWaysIsAnError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CutPoints.of("Yes, sure.", PUNCT, new SplittableRandom(1)));
    assertEquals(
        "cannot cut a response with 2 punctuation characters and 2 words into 4 prefixes",
        e.getMessage());
  }

  @Test
  void cutsAreStrictlyIncreasingAndEndOnTheCountedMarkForRandomTexts() {
    SplittableRandom gen = new SplittableRandom(2024);
    String[] pieces = {"cookie", "jar", "lid", "smile", ",", ".", "!", "?", "-", "\"", "(", ")"};
    for (int trial = 0; trial < 2_000; trial++) {
      StringBuilder sb = new StringBuilder("Share one small cookie"); // >= 4 words
      int len = 4 + gen.nextInt(200);
      for (int i = 0; i < len; i++) {
        sb.append(gen.nextInt(3) == 0 ? "" : " ").append(pieces[gen.nextInt(pieces.length)]);
      }
      String fhr = sb.toString();
      CutPoints c = CutPoints.of(fhr, PUNCT, new SplittableRandom(trial));
      List<Integer> o = c.offsets();
      for (int i = 0; i < 4; i++) {
        assertTrue(o.get(i) >= 1 && o.get(i) <= fhr.length());
        assertTrue(i == 0 || o.get(i) > o.get(i - 1), () -> "not increasing: " + o);
        if (c.method() == CutPoints.Method.PUNCTUATION) {
          String prefix = fhr.substring(0, o.get(i));
          assertTrue(PUNCT.indexOf(prefix.charAt(prefix.length() - 1)) >= 0);
          assertEquals(
              (i + 1) * c.step(), prefix.chars().filter(ch -> PUNCT.indexOf(ch) >= 0).count());
        }
      }
      if (c.method() == CutPoints.Method.PUNCTUATION) {
        int t = c.punctuationCount();
        assertTrue(c.step() == Math.max(1, t / 4 - 1) || c.step() == Math.max(1, t / 4));
      }
    }
  }

  @Test
  void recordRejectsUnorderedOffsets() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CutPoints(List.of(3, 3, 5, 7), CutPoints.Method.WORDS, 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CutPoints(List.of(1, 2, 3), CutPoints.Method.WORDS, 0, 0));
  }
}
