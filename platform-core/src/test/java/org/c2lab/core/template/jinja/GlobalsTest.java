package org.c2lab.core.template.jinja;

import static org.c2lab.core.template.jinja.Renders.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlobalsTest {

  @Test
  void raiseExceptionThrowsATypedExceptionWithTheTemplatesMessageAndLocation() {
    TemplateRaisedException e =
        assertThrows(
            TemplateRaisedException.class,
            () ->
                render(
                    "line one\n{% if true %}{{ raise_exception('Roles must alternate') }}{% endif %}"));
    assertEquals("Roles must alternate", e.detail());
    assertEquals(2, e.line());
    assertEquals(17, e.column());
  }

  @Test
  void rangeBehavesLikePython() {
    assertEquals(
        "[0, 1, 2][1, 4, 7][5, 3, 1][]",
        render(
            "{{ range(3) | list }}{{ range(1, 10, 3) | list }}{{ range(5, 0, -2) | list }}{{ range(0) | list }}"));
  }

  @Test
  void rangeRefusesHugeRangesLikeJinjasSandbox() {
    TemplateException e =
        assertThrows(TemplateException.class, () -> render("{{ range(1000000) | length }}"));
    assertEquals("range too big, maximum size for range is 100000", e.detail());
  }

  @Test
  void namespaceAndDictBuildObjects() {
    assertEquals(
        "1[False]2|{'a': 1}",
        render(
            "{% set ns = namespace(a=1) %}{{ ns.a }}[{{ ns.b is defined }}]{% set ns.b = 2 %}{{ ns.b }}|{{ dict(a=1) }}"));
  }

  @Test
  void strftimeNowReadsTheInjectedClock() {
    Clock clock = Clock.fixed(Instant.parse("2024-07-05T09:03:07Z"), ZoneOffset.UTC);
    Template t =
        Template.parse(
            "t",
            "{{ strftime_now('%d %b %Y %H:%M:%S %A %B %j %p %I %-d %-m %y') }}",
            TemplateOptions.huggingFace().withClock(clock));
    assertEquals("05 Jul 2024 09:03:07 Friday July 187 AM 09 5 7 24", t.render(Map.of()));
  }

  @Test
  void variablesShadowGlobals() {
    assertEquals("mine", render("{{ range }}", "range", "mine"));
  }
}
