package org.c2lab.core.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileVerdictCacheTest {
  @TempDir Path dir;

  @Test
  void verdictsSurviveReopeningWithEveryField() {
    Verdict full = new Verdict(true, 0.75, "steers away", "llm:judge", "Yes.");
    Verdict bare = Verdict.of(false, "keyword");
    FileVerdictCache cache = FileVerdictCache.open(dir);
    cache.put("a", full);
    cache.put("b", bare);

    FileVerdictCache reopened = FileVerdictCache.open(dir);
    assertEquals(Optional.of(full), reopened.get("a"));
    assertEquals(Optional.of(bare), reopened.get("b"));
    assertEquals(Optional.empty(), reopened.get("c"));
    assertEquals(2, reopened.size());
  }

  @Test
  void aLineCutByACrashIsSkippedAndTheRestKept() throws Exception {
    FileVerdictCache cache = FileVerdictCache.open(dir);
    cache.put("a", Verdict.of(true, "keyword"));
    Files.writeString(
        cache.file(), "{\"key\":\"b\",\"corr", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    FileVerdictCache reopened = FileVerdictCache.open(dir);
    assertEquals(1, reopened.size());
    assertEquals(1, reopened.skippedLines());
    assertTrue(reopened.get("a").orElseThrow().corrected());
  }

  @Test
  void aSecondRunThroughTheCachingJudgeCallsTheJudgeForNothing() {
    int[] calls = {0};
    Judge counting =
        new Judge() {
          @Override
          public String id() {
            return "counting";
          }

          @Override
          public Verdict judge(JudgeRequest request) {
            calls[0]++;
            return Verdict.of(request.continuation().contains("sorry"), id());
          }
        };
    List<JudgeRequest> requests =
        List.of(
            new JudgeRequest("q", "prefix", "I am sorry, no."),
            new JudgeRequest("q", "prefix", "and then"));
    new CachingJudge(counting, FileVerdictCache.open(dir)).judgeAll(requests);
    assertEquals(2, calls[0]);

    List<Verdict> again = new CachingJudge(counting, FileVerdictCache.open(dir)).judgeAll(requests);
    assertEquals(2, calls[0]);
    assertTrue(again.get(0).corrected());
  }
}
