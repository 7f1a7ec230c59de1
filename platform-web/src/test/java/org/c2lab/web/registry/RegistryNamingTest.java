package org.c2lab.web.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Registry ids, masked keys and C2-Syn rank names. */
class RegistryNamingTest {
  @Test
  void rankingsNameTheSixC2SynResponses() {
    assertEquals("rank 1 (SR) > rank 6 (FHR)", DatasetRegistry.ranking(1, 6).summary());
    assertEquals("SYN3", DatasetRegistry.ranking(2, 4).rejected());
  }

  @Test
  void idsAreSlugsAndKeysAreMasked() {
    assertEquals("my-tiny-model-v2", ModelRegistry.slug("My Tiny Model (v2)"));
    assertEquals("model", ModelRegistry.slug("!!!"));
    assertEquals("****cdef", ModelRegistry.mask("sk-0123456789abcdef"));
    assertEquals("****", ModelRegistry.mask("short-key"));
  }
}
