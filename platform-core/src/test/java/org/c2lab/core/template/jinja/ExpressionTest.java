package org.c2lab.core.template.jinja;

import static org.c2lab.core.template.jinja.Renders.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {

  @Test
  void literalsPrintAsPythonPrintsThem() {
    assertEquals(
        "True False None True None",
        render("{{ true }} {{ False }} {{ none }} {{ True }} {{ None }}"));
    assertEquals(
        "[1, 'a', None, True, 1.5, [2], {'k': 'v'}]",
        render("{{ [1, 'a', none, true, 1.5, [2], {'k': 'v'}] }}"));
    assertEquals("(1,)(1, 2)()", render("{{ (1,) }}{{ (1, 2) }}{{ () }}"));
  }

  @Test
  void floatsUsePythonsShortestRepr() {
    assertEquals(
        "1.0|1e-05|1e+16|0.30000000000000004|6.0|2.5|0.0001|123456789.0",
        render(
            "{{ 1.0 }}|{{ 1e-5 }}|{{ 1e16 }}|{{ 0.1 + 0.2 }}|{{ 3.0 * 2 }}|{{ 10 / 4 }}|{{ 0.0001 }}|{{ 123456789.0 }}"));
  }

  @Test
  void stringLiteralsDecodePythonEscapes() {
    assertEquals("a\tb\nc\\d'\"é", render("{{ 'a\\tb\\nc\\\\d\\'\"\\u00e9' }}"));
    assertEquals("AA\\d", render("{{ '\\x41\\101\\d' }}"));
    assertEquals("ab", render("{{ 'a' \"b\" }}"));
  }

  @Test
  void stringsPrintWithPythonReprInsideContainers() {
    assertEquals(
        "[\"it's\", 'a\"b', 'both\\'\"']", render("{{ [\"it's\", 'a\"b', 'both\\'\"'] }}"));
  }

  @Test
  void arithmeticFollowsPython() {
    assertEquals(
        "19|3|-4|-2|3.5|64",
        render(
            "{{ 1 + 2 * 3 ** 2 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 % -3 }}|{{ 7 / 2 }}|{{ 2 ** 3 ** 2 }}"));
    assertEquals(
        "[1, 2, 3]abab[0, 0, 0]-34",
        render("{{ [1, 2] + [3] }}{{ 'ab' * 2 }}{{ [0] * 3 }}{{ -(3) }}{{ +4 }}"));
    assertEquals("0.5|3.0|0.5", render("{{ -7.5 % 2 }}|{{ 7.0 // 2 }}|{{ 2 ** -1 }}"));
  }

  @Test
  void tildeConcatenatesAnythingAsStrings() {
    assertEquals("a1NoneTrue", render("{{ 'a' ~ 1 ~ none ~ true }}"));
    assertEquals("ab", render("{{ 'a' ~ missing ~ 'b' }}"));
  }

  @Test
  void comparisonsChainAndCompareAcrossNumericTypes() {
    assertEquals(
        "TrueFalseTrueTrueTrue",
        render("{{ 1 < 2 < 3 }}{{ 3 > 2 > 5 }}{{ 'a' < 'b' }}{{ [1, 2] < [1, 3] }}{{ 1 == 1.0 }}"));
    assertEquals(
        "TrueTrueFalseTrue",
        render("{{ true == 1 }}{{ none == none }}{{ (1,) == [1] }}{{ {'a': 1} == {'a': 1} }}"));
  }

  @Test
  void andOrReturnOperandsAndNotNegates() {
    assertEquals(
        "0|B|z|q|True",
        render(
            "{{ a and b }}|{{ a or b }}|{{ 0 or '' or 'z' }}|{{ 1 and 'q' }}|{{ not 0 }}",
            "a",
            0,
            "b",
            "B"));
  }

  @Test
  void inAndNotInWorkOnStringsListsAndDictKeys() {
    assertEquals(
        "TrueTrueTrueTrueFalse",
        render(
            "{{ 'a' in 'cat' }}{{ 'z' not in 'cat' }}{{ 1 in [1, 2] }}{{ 'k' in {'k': 1} }}{{ 'v' in {'k': 'v'} }}"));
  }

  @Test
  void inlineIfWithAndWithoutElse() {
    assertEquals(
        "no|yes|[]|3",
        render(
            "{{ 'yes' if x else 'no' }}|{{ 'yes' if 1 }}|[{{ 'no' if 0 }}]|{{ 1 if false else 2 if false else 3 }}"));
  }

  @Test
  void attributeAccessReadsDictKeysAndSubscriptsIndexLists() {
    List<Map<String, Object>> messages =
        List.of(Map.of("role", "user", "content", "hi"), Map.of("role", "a"));
    assertEquals(
        "hihi[]a",
        render(
            "{{ messages[0]['content'] }}{{ messages[0].content }}[{{ messages[1].missing }}]{{ messages[-1].role }}",
            "messages",
            messages));
  }

  @Test
  void slicingSupportsNegativeIndicesAndSteps() {
    assertEquals(
        "ello|olleh|lo|hell|el|[2, 3]|[3, 2, 1]|3|[]",
        render(
            "{{ s[1:] }}|{{ s[::-1] }}|{{ s[-2:] }}|{{ s[:-1] }}|{{ s[1:4:2] }}|{{ l[1:] }}|{{ l[::-1] }}|{{ l[-1] }}|{{ l[5:] }}",
            "s",
            "hello",
            "l",
            List.of(1, 2, 3)));
    assertEquals(
        "de|olh|[1, 2]",
        render("{{ 'abcdef'[-3:-1] }}|{{ 'hello'[::-2] }}|{{ [1, 2, 3][-10:2] }}"));
  }

  @Test
  void stringsIndexByCodePoint() {
    assertEquals("a3ba😀", render("{{ '😀ab'[1] }}{{ '😀ab' | length }}{{ '😀ab'[::-1] }}"));
  }

  @Test
  void filtersBindTighterThanBinaryOperators() {
    assertEquals("[x]", render("{{ '[' + s | trim + ']' }}", "s", "  x  "));
    assertEquals("3", render("{{ -3 | abs }}"));
  }

  @Test
  void recordsAndCollectionsFromJavaBecomeDictsAndLists() {
    record Msg(String role, String content) {}
    assertEquals(
        "user:hi",
        render(
            "{% for m in ms %}{{ m.role }}:{{ m['content'] }}{% endfor %}",
            "ms", List.of(new Msg("user", "hi"))));
  }
}
