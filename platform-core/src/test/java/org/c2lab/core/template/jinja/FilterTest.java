package org.c2lab.core.template.jinja;

import static org.c2lab.core.template.jinja.Renders.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTest {
  private static final List<Map<String, Object>> MESSAGES =
      List.of(
          Map.of("role", "user", "content", "u1"),
          Map.of("role", "assistant", "content", "a1", "x", 1),
          Map.of("role", "user", "content", "u2"));

  @Test
  void stringFilters() {
    assertEquals(
        "x|hi|3|AB|ab|Hello world",
        render(
            "{{ '  x  ' | trim }}|{{ 'xxhixx' | trim('x') }}|{{ 'abc' | length }}|{{ 'ab' | upper }}|{{ 'AB' | lower }}|{{ 'hello WORLD' | capitalize }}"));
    assertEquals(
        "Hello World-Foo Bar|They're Bill's",
        render("{{ 'hello wORLD-foo bar' | title }}|{{ \"they're bill's\" | title }}"));
    assertEquals(
        "bbb|bba", render("{{ 'aaa' | replace('a', 'b') }}|{{ 'aaa' | replace('a', 'b', 2) }}"));
  }

  @Test
  void trimStripsPythonWhitespaceIncludingNoBreakSpace() {
    assertEquals("[x]", render("[{{ s | trim }}]", "s", "\u00a0\u2003 x \n\t"));
  }

  @Test
  void sequenceFilters() {
    assertEquals(
        "1, 2, 3|1|2|a|2",
        render(
            "{{ [1, 2, 3] | join(', ') }}|{{ [1, 2] | first }}|{{ [1, 2] | last }}|{{ 'abc' | first }}|{{ [1, 2] | count }}"));
    assertEquals(
        "['a', 'b', 'c']|[3, 2, 1]|cba",
        render("{{ 'abc' | list }}|{{ [1, 2, 3] | reverse | list }}|{{ 'abc' | reverse }}"));
    assertEquals("x,y", render("{{ [{'n': 'x'}, {'n': 'y'}] | join(',', attribute='n') }}"));
  }

  @Test
  void defaultReplacesUndefinedAndWithBooleanAlsoFalsyValues() {
    assertEquals(
        "d|None|d|y",
        render(
            "{{ x | default('d') }}|{{ none | default('d') }}|{{ '' | default('d', true) }}|{{ x | d('y') }}"));
  }

  @Test
  void conversionFilters() {
    assertEquals(
        "5|43|4|0|3.5|3.0|0.0|26|-3",
        render(
            "{{ 5 | string }}|{{ '42' | int + 1 }}|{{ '4.5' | int }}|{{ 'x' | int }}|{{ '3.5' | float }}|{{ 3 | float }}|{{ 'zz' | float }}|{{ '0x1A' | int(0, 16) }}|{{ -3.7 | int }}"));
  }

  @Test
  void itemsAndDictsort() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("b", 1);
    d.put("a", 2);
    d.put("C", 0);
    assertEquals("[('b', 1), ('a', 2), ('C', 0)]", render("{{ d | items | list }}", "d", d));
    assertEquals(
        "[('a', 2), ('b', 1), ('C', 0)]|[('a', 2), ('b', 1), ('C', 0)]",
        render("{{ d | dictsort }}|{{ d | dictsort(by='value', reverse=true) }}", "d", d));
  }

  @Test
  void selectAttrRejectAttrAndMap() {
    assertEquals(
        "['u1', 'u2']|1|1",
        render(
            "{{ msgs | selectattr('role', 'equalto', 'user') | map(attribute='content') | list }}|{{ msgs | rejectattr('role', 'eq', 'user') | list | length }}|{{ msgs | selectattr('x') | list | length }}",
            "msgs",
            MESSAGES));
    assertEquals(
        "[1, 3]|[1, 3]|['A', 'B']|1+2",
        render(
            "{{ [1, 2, 3, 4] | select('odd') | list }}|{{ [1, 2, 3, 4] | reject('even') | list }}|{{ ['a', 'b'] | map('upper') | list }}|{{ [1, 2] | map('string') | join('+') }}"));
    assertEquals(
        "['x', 'd']", render("{{ [{'a': 'x'}, {}] | map(attribute='a', default='d') | list }}"));
  }

  @Test
  void tojsonMatchesPythonJsonDumps() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("c", List.of(1, Map.of("x", "é\"")));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("b", inner);
    d.put("a", null);
    assertEquals(
        "{\"b\": {\"c\": [1, {\"x\": \"é\\\"\"}]}, \"a\": null}",
        render("{{ d | tojson }}", "d", d));
    assertEquals(
        "{\n  \"b\": {\n    \"c\": [\n      1,\n      {\n        \"x\": \"é\\\"\"\n      }\n    ]\n  },\n  \"a\": null\n}",
        render("{{ d | tojson(indent=2) }}", "d", d));
    assertEquals(
        "{\"a\": null, \"b\": {\"c\": [1, {\"x\": \"é\\\"\"}]}}",
        render("{{ d | tojson(sort_keys=true) }}", "d", d));
    assertEquals(
        "[1.5, true, \"\\u00e9\"]|{}|[]|{\"a\":1}",
        render(
            "{{ [1.5, true, 'é'] | tojson(true) }}|{{ {} | tojson(indent=2) }}|{{ [] | tojson }}|{{ {'a': 1} | tojson(separators=(',', ':')) }}"));
  }

  @Test
  void numericFiltersRoundLikePython() {
    assertEquals(
        "2.0|4.0|2.67|3.0|2.0|3|3|2.5",
        render(
            "{{ 2.5 | round }}|{{ 3.5 | round }}|{{ 2.675 | round(2) }}|{{ 2.1 | round(0, 'ceil') }}|{{ 2.9 | round(method='floor') }}|{{ 3 | round }}|{{ -3 | abs }}|{{ -2.5 | abs }}"));
    assertEquals(
        "6|5|2|5",
        render(
            "{{ [1, 2, 3] | sum }}|{{ [1, 5, 3] | max }}|{{ [4, 2] | min }}|{{ [{'a': 2}, {'a': 3}] | sum(attribute='a') }}"));
  }

  @Test
  void uniqueAndSortIgnoreCaseByDefault() {
    assertEquals(
        "['b', 'A']|['A', 'a', 'b', 'c']|[3, 2, 1]|['A', 'b']",
        render(
            "{{ ['b', 'A', 'a', 'B'] | unique | list }}|{{ ['b', 'A', 'a', 'c'] | sort }}|{{ [3, 1, 2] | sort(reverse=true) }}|{{ ['b', 'A'] | sort(case_sensitive=true) }}"));
  }

  @Test
  void batchIndentCenterWordcountAndFormat() {
    assertEquals(
        "[[1, 2], [3, 4], [5]]|[[1, 2], [3, 'x']]",
        render("{{ [1, 2, 3, 4, 5] | batch(2) | list }}|{{ [1, 2, 3] | batch(2, 'x') | list }}"));
    assertEquals(
        "line1\n  line2|  a\n  b|a\n  \n  b",
        render(
            "{{ 'line1\\nline2' | indent(2) }}|{{ 'a\\nb' | indent(2, true) }}|{{ 'a\\n\\nb' | indent(2, blank=true) }}"));
    assertEquals(
        "[   x   ]|[  ab ]|3|a-1",
        render(
            "[{{ 'x' | center(7) }}]|[{{ 'ab' | center(5) }}]|{{ 'one two, three' | wordcount }}|{{ '%s-%d' | format('a', 1) }}"));
  }

  @Test
  void escapeHtmlEscapesAndSafeIsIdentity() {
    assertEquals(
        "&lt;a href=&#34;x&#34;&gt;&amp;&#39;|<b>",
        render("{{ '<a href=\"x\">&\\'' | e }}|{{ '<b>' | safe }}"));
  }
}
