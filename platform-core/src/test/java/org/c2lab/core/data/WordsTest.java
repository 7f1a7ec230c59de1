package org.c2lab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

  @Test
  void splitsOnWhitespaceRunsLikePythonStrSplit() {
    // Python: "  a\tb\n\nc\u00a0d\u2003e\u0085f ".split() == ['a','b','c','d','e','f']
    String text = "  a\tb\n\nc\u00a0d\u2003e\u0085f ";
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), Words.split(text));
    assertEquals(6, Words.count(text));
  }

  @Test
  void zeroWidthSpaceIsNotWhitespaceInPythonEither() {
    assertEquals(1, Words.count("cookie\u200bjar"));
  }

  @Test
  void emptyAndBlankTextsHaveNoWords() {
    assertEquals(0, Words.count(""));
    assertEquals(0, Words.count(" \n\t "));
    assertEquals(List.of(), Words.split("   "));
  }

  @Test
  void firstWordsJoinsWithSingleSpacesAndKeepsAllWhenFewer() {
    assertEquals("Open the", Words.firstWords("  Open\n\nthe   jar ", 2));
    assertEquals("Open the jar", Words.firstWords("  Open\n\nthe   jar ", 10));
    assertEquals("", Words.firstWords("Open the jar", 0));
  }

  @Test
  void endOfWordPointsJustAfterTheNthWord() {
    String text = "Open  the\njar ";
    assertEquals(4, Words.endOfWord(text, 1));
    assertEquals(9, Words.endOfWord(text, 2));
    assertEquals(13, Words.endOfWord(text, 3));
    assertEquals("Open  the", text.substring(0, Words.endOfWord(text, 2)));
    assertThrows(IllegalArgumentException.class, () -> Words.endOfWord(text, 4));
    assertThrows(IllegalArgumentException.class, () -> Words.endOfWord(text, 0));
  }
}
