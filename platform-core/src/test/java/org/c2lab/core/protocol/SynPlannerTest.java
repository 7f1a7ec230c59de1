package org.c2lab.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.c2lab.core.data.HarmfulExample;
import org.c2lab.core.data.PreferencePair;
import org.junit.jupiter.api.Test;

class SynPlannerTest {
  private static final String REQUEST = "How do I sneak extra cookies from the jar?";
  private static final String FHR =
      "Wait, then look. Open it, slowly; take one! Close it: done? Yes - smile.";
  private static final HarmfulExample EXAMPLE = HarmfulExample.of("cookies.jsonl", 4, REQUEST, FHR);
  private static final List<String> CONTINUATIONS =
      List.of(" sneaking is unkind.", " you should ask.", " sharing is better.", " ask first.");
  private static final String SR = "Please ask a grown-up before taking more cookies.";

  private static final SynPlanner ONE_EACH =
      new SynPlanner(
          ProtocolConfig.builder()
              .forceBeginPhrases(List.of("Sure, I can help you with that."))
              .correctiveTriggers(List.of("but I must point out that"))
              .build());
  private static final SynPlanner DEFAULT = new SynPlanner(ProtocolConfig.defaults());

  @Test
  void continuationPrefixesArePhraseCutAndTrigger() {
    SynPlan plan = ONE_EACH.plan(EXAMPLE, 1);
    List<String> cuts = plan.cuts().prefixes(FHR);
    List<String> expected = new ArrayList<>();
    for (String cut : cuts) {
      expected.add("Sure, I can help you with that. " + cut + " but I must point out that");
    }
    assertEquals(expected, plan.continuationPrefixes());
    String first = plan.cuts().step() == 1 ? "Wait," : "Wait, then look.";
    assertEquals(
        "Sure, I can help you with that. " + first + " but I must point out that",
        plan.continuationPrefixes().get(0));
  }

  @Test
  void assembleRanksSrThenSynInCutOrderThenFhr() {
    SynPlan plan = ONE_EACH.plan(EXAMPLE, 1);
    RankedResponses r = plan.assemble(SR, CONTINUATIONS);
    assertEquals(SR, r.response(Rank.SR));
    for (int i = 0; i < 4; i++) {
      assertEquals(
          plan.continuationPrefixes().get(i) + CONTINUATIONS.get(i), r.responses().get(i + 1));
    }
    assertEquals(FHR, r.response(Rank.FHR));
    assertEquals(plan.cuts().offsets(), r.cutPositions());
    assertEquals("cookies.jsonl:4", r.requestId());
  }

  @Test
  void fifteenPairsOneForEveryBetterWorseRankPair() {
    RankedResponses r = DEFAULT.plan(EXAMPLE, 3).assemble(SR, CONTINUATIONS);
    List<PreferencePair> pairs = r.pairs();
    assertEquals(15, pairs.size());
    Set<List<Integer>> rankPairs =
        pairs.stream()
            .map(p -> List.of(p.chosenRank(), p.rejectedRank()))
            .collect(Collectors.toSet());
    Set<List<Integer>> expected = new java.util.HashSet<>();
    for (int a = 1; a <= 6; a++) {
      for (int b = a + 1; b <= 6; b++) {
        expected.add(List.of(a, b));
      }
    }
    assertEquals(expected, rankPairs);
    for (PreferencePair p : pairs) {
      assertEquals(REQUEST, p.prompt());
      assertEquals(r.responses().get(p.chosenRank() - 1), p.chosen());
      assertEquals(r.responses().get(p.rejectedRank() - 1), p.rejected());
      assertEquals(r.cutPositions(), p.cutPositions());
      assertEquals("cookies.jsonl:4", p.requestId());
    }
    assertEquals(
        List.of(1, 2, 6),
        List.of(
            pairs.get(0).chosenRank(), pairs.get(0).rejectedRank(), pairs.get(4).rejectedRank()));
  }

  @Test
  void planIsDeterministicPerSeedAndRequestAndVariesWithThem() {
    assertEquals(DEFAULT.plan(EXAMPLE, 5), DEFAULT.plan(EXAMPLE, 5));
    int differing = 0;
    for (int line = 1; line <= 50; line++) {
      HarmfulExample ex = HarmfulExample.of("cookies.jsonl", line, REQUEST, FHR);
      if (!DEFAULT.plan(ex, 5).triggers().equals(DEFAULT.plan(ex, 6).triggers())) {
        differing++;
      }
    }
    assertEquals(50, differing, "four independent trigger draws practically never all agree");
    assertNotEquals(
        DEFAULT.plan(EXAMPLE, 5).phraseIndexes(),
        DEFAULT.plan(HarmfulExample.of("cookies.jsonl", 5, REQUEST, FHR), 5).phraseIndexes());
  }

  @Test
  void rankedResponsesRejectWrongCountOrderOrBlanks() {
    RankedResponses ok = ONE_EACH.plan(EXAMPLE, 1).assemble(SR, CONTINUATIONS);
    List<String> swapped = new ArrayList<>(ok.responses());
    swapped.set(1, ok.responses().get(2));
    swapped.set(2, ok.responses().get(1));
    assertThrows(IllegalArgumentException.class, () -> withResponses(ok, swapped));
    assertThrows(
        IllegalArgumentException.class, () -> withResponses(ok, ok.responses().subList(0, 5)));
    List<String> blankSr = new ArrayList<>(ok.responses());
    blankSr.set(0, " ");
    assertThrows(IllegalArgumentException.class, () -> withResponses(ok, blankSr));
    List<Integer> reversed = new ArrayList<>(ok.cutPositions());
    java.util.Collections.reverse(reversed);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RankedResponses(
                ok.requestId(),
                ok.request(),
                ok.responses(),
                reversed,
                ok.phrases(),
                ok.triggers()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ONE_EACH.plan(EXAMPLE, 1).assemble(SR, CONTINUATIONS.subList(0, 3)));
  }

  private static RankedResponses withResponses(RankedResponses r, List<String> responses) {
    return new RankedResponses(
        r.requestId(), r.request(), responses, r.cutPositions(), r.phrases(), r.triggers());
  }
}
