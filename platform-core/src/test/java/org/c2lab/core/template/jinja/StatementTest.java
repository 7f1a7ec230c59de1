package org.c2lab.core.template.jinja;

import static org.c2lab.core.template.jinja.Renders.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementTest {

  @Test
  void ifElifElsePicksTheFirstTrueBranch() {
    String src = "{% if x %}x{% elif y %}y{% elif z %}z{% else %}else{% endif %}";
    assertEquals("z", render(src, "z", 1));
    assertEquals("else", render(src));
  }

  @Test
  void loopVariablesDescribeThePosition() {
    assertEquals(
        "1 0 True False 3 3 2;2 1 False False 3 2 1;3 2 False True 3 1 0;",
        render(
            "{% for x in [1, 2, 3] %}{{ loop.index }} {{ loop.index0 }} {{ loop.first }} {{ loop.last }}"
                + " {{ loop.length }} {{ loop.revindex }} {{ loop.revindex0 }};{% endfor %}"));
  }

  @Test
  void loopFilterRunsBeforeCountingAndElseRunsWhenNothingIsLeft() {
    assertEquals(
        "212422",
        render(
            "{% for x in [1, 2, 3, 4] if x is even %}{{ x }}{{ loop.index }}{{ loop.length }}"
                + "{% else %}none{% endfor %}"));
    assertEquals(
        "empty", render("{% for x in [1, 3] if x is even %}{{ x }}{% else %}empty{% endfor %}"));
  }

  @Test
  void loopsUnpackPairsAndIterateDictKeysAndCharacters() {
    Map<String, Object> d = new java.util.LinkedHashMap<>();
    d.put("a", 1);
    d.put("b", List.of(1, 2));
    assertEquals(
        "a=1,b=[1, 2],", render("{% for k, v in d.items() %}{{ k }}={{ v }},{% endfor %}", "d", d));
    assertEquals(
        "ab|h.é.",
        render(
            "{% for k in d %}{{ k }}{% endfor %}|{% for c in 'hé' %}{{ c }}.{% endfor %}", "d", d));
    assertEquals(
        "123", render("{% for a, (b, c) in [[1, [2, 3]]] %}{{ a }}{{ b }}{{ c }}{% endfor %}"));
  }

  @Test
  void breakAndContinueControlTheInnermostLoop() {
    assertEquals(
        "02",
        render(
            "{% for i in range(5) %}{% if i == 1 %}{% continue %}{% endif %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}"));
  }

  @Test
  void loopCycleAndNeighbours() {
    assertEquals(
        "a2;b13;a2;",
        render(
            "{% for x in [1, 2, 3] %}{{ loop.cycle('a', 'b') }}{{ loop.previtem }}"
                + "{{ loop.nextitem }};{% endfor %}"));
  }

  @Test
  void recursiveLoopsRenderChildrenThroughLoop() {
    Map<String, Object> a =
        Map.of(
            "name",
            "a",
            "children",
            List.of(Map.of("name", "b", "children", List.of()), Map.of("name", "c")));
    assertEquals(
        "a1[b2c2]d1",
        render(
            "{% for item in tree recursive %}{{ item.name }}{{ loop.depth }}"
                + "{% if item.children %}[{{ loop(item.children) }}]{% endif %}{% endfor %}",
            "tree", List.of(a, Map.of("name", "d"))));
  }

  @Test
  void setInsideALoopDoesNotLeakButNamespaceAttributesDo() {
    assertEquals(
        "123|1",
        render(
            "{% set x = 1 %}{% for i in range(3) %}{% set x = x + i %}{{ x }}{% endfor %}|{{ x }}"));
    assertEquals(
        "6",
        render(
            "{% set ns = namespace(total=0) %}{% for i in range(4) %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}"));
  }

  @Test
  void setInsideIfAssignsInTheEnclosingScope() {
    assertEquals("2", render("{% if true %}{% set x = 2 %}{% endif %}{{ x }}"));
  }

  @Test
  void setUnpacksTuplesAndBlockSetCapturesFilteredOutput() {
    assertEquals(
        "12(3, 4)", render("{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set c = 3, 4 %}{{ c }}"));
    assertEquals(
        "[  inner 2  ]", render("{% set block %}  inner {{ 1 + 1 }}  {% endset %}[{{ block }}]"));
    assertEquals(
        "[INNER]", render("{% set block | upper | trim %}  inner  {% endset %}[{{ block }}]"));
  }

  @Test
  void macrosTakeDefaultsKeywordsVarargsAndCaller() {
    assertEquals(
        "Hi A! Hi B? Hi C.",
        render(
            "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('A') }} {{ greet('B', '?') }} {{ greet(name='C', punct='.') }}"));
    assertEquals(
        "[1|(2, 3)|{'x': 4}]",
        render(
            "{% macro m(a) %}[{{ a }}|{{ varargs }}|{{ kwargs }}]{% endmacro %}{{ m(1, 2, 3, x=4) }}"));
    assertEquals(
        "<n=5>",
        render(
            "{% macro wrap() %}<{{ caller(5) }}>{% endmacro %}{% call(n) wrap() %}n={{ n }}{% endcall %}"));
  }

  @Test
  void withFilterAndGenerationBlocks() {
    assertEquals("3[]", render("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]"));
    assertEquals("HELLO X", render("{% filter upper %}hello {{ 'x' }}{% endfilter %}"));
    assertEquals("kept", render("{% generation %}kept{% endgeneration %}"));
  }

  @Test
  void doEvaluatesForSideEffects() {
    assertEquals("[1, 2]", render("{% set xs = [1] %}{% do xs.append(2) %}{{ xs }}"));
  }
}
