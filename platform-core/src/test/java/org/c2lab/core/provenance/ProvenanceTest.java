package org.c2lab.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  record SampleConfig(String model, int paths, double temperature, List<Integer> ks) {}

  @Test
  void roundTripsThroughJsonWithEveryField(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("test.jsonl"), "{\"prompt\":\"p\"}\n");
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("config.json"), "{}");
    Files.writeString(model.resolve("tokenizer.json"), "{\"v\":1}");

    Provenance p =
        Provenance.builder()
            .tool("c2", "0.1.0")
            .gitCommit("0123456789abcdef0123456789abcdef01234567")
            .startedAt(Instant.parse("2024-07-01T10:00:00.123456Z"))
            .finishedAt(Instant.parse("2024-07-01T11:30:00Z"))
            .config(new SampleConfig("qwen2-0.5b", 20, 0.8, List.of(10, 20)))
            .seed(42)
            .addDataset(data)
            .addModelDirectory(model)
            .note("precision", "bf16")
            .note("prefill", "continue-final-message")
            .build();

    Provenance back = Provenance.fromJson(p.toJson());

    assertEquals(p, back);
    assertEquals(20, back.config().get("paths").asInt());
    assertEquals(Sha256.of(data), back.datasets().get(0).sha256());
    assertEquals(2, back.models().size());
    assertEquals(List.of("precision", "prefill"), List.copyOf(back.notes().keySet()));
  }

  @Test
  void readsFilesWrittenBesideArtifacts(@TempDir Path dir) throws IOException {
    Provenance p = Provenance.builder().gitCommit(GitCommit.UNKNOWN).build();
    Path file = dir.resolve("provenance.json");
    p.writeTo(file);
    assertEquals(p, Provenance.readFrom(file));
  }

  @Test
  void fillsInTheEnvironmentAndLeavesOptionalFactsEmpty() {
    Provenance p = Provenance.builder().gitCommit("abc").build();
    assertFalse(p.javaVersion().isBlank());
    assertFalse(p.os().isBlank());
    assertFalse(p.host().isBlank());
    assertNull(p.finishedAt());
    assertNull(p.seed());
    assertEquals(Provenance.DEFAULT_TOOL, p.toolName());
  }

  @Test
  void ignoresUnknownFieldsSoOldReadersAcceptNewFiles() throws IOException {
    Provenance p = Provenance.builder().gitCommit("abc").build();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode tree = (ObjectNode) mapper.readTree(p.toJson());
    tree.put("addedInAFutureVersion", true);
    assertEquals(p, Provenance.fromJson(mapper.writeValueAsString(tree)));
  }

  @Test
  void configCannotBeChangedThroughTheRecord() {
    ObjectNode config = new ObjectMapper().createObjectNode().put("beta", 0.1);
    Provenance p = Provenance.builder().gitCommit("abc").config(config).build();
    config.put("beta", 99.0);
    ((ObjectNode) p.config()).put("beta", 99.0);
    assertEquals(0.1, p.config().get("beta").asDouble());
  }

  @Test
  void rejectsAFinishBeforeTheStart() {
    Provenance.Builder b =
        Provenance.builder()
            .gitCommit("abc")
            .startedAt(Instant.parse("2024-01-02T00:00:00Z"))
            .finishedAt(Instant.parse("2024-01-01T00:00:00Z"));
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void toBuilderKeepsEverythingAndCanAddTheFinish() {
    Provenance running =
        Provenance.builder().gitCommit("abc").seed(7).note("k", "v").config(Map.of("a", 1)).build();
    Provenance done = running.toBuilder().finishedNow().build();
    assertEquals(running.seed(), done.seed());
    assertEquals(running.notes(), done.notes());
    assertEquals(running.config(), done.config());
    assertEquals(running.startedAt(), done.startedAt());
    assertFalse(done.finishedAt().isBefore(done.startedAt()));
  }

  @Test
  void rejectsMalformedJsonWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Provenance.fromJson("{\"toolName\":"));
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void fileDigestRejectsNonHexHashes() {
    assertThrows(IllegalArgumentException.class, () -> new FileDigest("f", 1, "XYZ"));
    assertThrows(IOException.class, () -> FileDigest.of(Path.of("/definitely/not/here")));
  }
}
