package org.c2lab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistinctPromptsTest {

  @Test
  void firstOccurrenceIsNewAndRepeatsAreNot() {
    DistinctPrompts seen = new DistinctPrompts();
    assertTrue(seen.add("How do I sneak extra cookies from the jar?"));
    assertFalse(seen.add("How do I sneak extra cookies from the jar?"));
    assertTrue(seen.add("How do I sneak extra cookies from the jar? "));
    assertEquals(2, seen.size());
  }

  @Test
  void keepsEveryPromptWhileTheTableGrows() {
    DistinctPrompts seen = new DistinctPrompts();
    for (int i = 0; i < 100_000; i++) {
      assertTrue(seen.add("prompt " + i));
    }
    for (int i = 0; i < 100_000; i += 997) {
      assertFalse(seen.add("prompt " + i));
    }
    assertEquals(100_000, seen.size());
  }
}
