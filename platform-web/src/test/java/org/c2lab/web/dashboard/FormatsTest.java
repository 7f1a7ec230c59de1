package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void parameterCountsReadAsPeopleWriteThem() {
    assertEquals("6.7B", Formats.parameters(6_738_415_616L));
    assertEquals("12.3M", Formats.parameters(12_345_678L));
    assertEquals("45.1K", Formats.parameters(45_056L));
    assertEquals("812", Formats.parameters(812L));
    assertEquals("1.0B", Formats.parameters(999_999_999L + 1));
    assertEquals("", Formats.parameters(null));
  }

  @Test
  void sizesOnDisk() {
    assertEquals("13.5 GB", Formats.bytes((long) (13.5 * (1L << 30))));
    assertEquals("3.4 MB", Formats.bytes((long) (3.4 * (1L << 20))));
    assertEquals("1.5 kB", Formats.bytes(1536L));
    assertEquals("512 B", Formats.bytes(512L));
    assertEquals("", Formats.bytes(null));
  }

  @Test
  void hashesAreShortenedToTwelveDigits() {
    String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    assertEquals("9f86d081884c…", Formats.shortHash(sha));
    assertEquals("abc", Formats.shortHash("abc"));
    assertEquals("", Formats.shortHash(null));
  }
}
