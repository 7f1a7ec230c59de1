package org.c2lab.web.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c2lab.train.tokenizer.TextTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed {@code datasets/demo/tokenizer.json} is what {@link DemoTokenizer} generates (run
 * with {@code -Dc2.demo.write-tokenizer=true} to regenerate it), and the runtime's tokenizer reads
 * it and round-trips any text.
 */
class DemoTokenizerTest {
  private static final Path COMMITTED = repoRoot().resolve("datasets/demo/tokenizer.json");

  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    return Files.exists(dir.resolve("datasets")) ? dir : dir.getParent();
  }

  @Test
  void theCommittedTokenizerIsTheGeneratedOne(@TempDir Path dir) throws Exception {
    if (Boolean.getBoolean("c2.demo.write-tokenizer")) {
      DemoTokenizer.write(COMMITTED);
    }
    Path generated = DemoTokenizer.write(dir.resolve("tokenizer.json"));
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.readTree(generated.toFile()), json.readTree(COMMITTED.toFile()));
  }

  @Test
  void theRuntimeEncodesAndDecodesAnyTextWithIt() throws Exception {
    try (TextTokenizer t = TextTokenizer.open(COMMITTED)) {
      String text = "The jester's [INST] caf\u00e9 & 42 pies";
      long[] ids = t.encode(text, false);
      assertTrue(ids.length < text.length() + 8, ids.length + " ids");
      assertEquals(text, t.decode(ids, true));
    }
  }
}
