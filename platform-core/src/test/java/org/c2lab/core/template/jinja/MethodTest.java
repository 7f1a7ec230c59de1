package org.c2lab.core.template.jinja;

import static org.c2lab.core.template.jinja.Renders.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python methods on str, dict and list values. */
class MethodTest {

  @Test
  void stripAndSplitUsePythonWhitespace() {
    assertEquals(
        "hello world|hello world  |  hello world|ello world|['hello', 'world']|['  he', '', 'o wor', 'd  ']|['a', 'b,,c']",
        render(
            "{{ s.strip() }}|{{ s.lstrip() }}|{{ s.rstrip() }}|{{ s.strip(' h') }}|{{ s.split() }}"
                + "|{{ s.split('l') }}|{{ 'a,b,,c'.split(',', 1) }}",
            "s",
            "  hello world  "));
  }

  @Test
  void caseAndAffixMethods() {
    assertEquals(
        "TrueTrueHELLO WORLD-X'Yhello world-x'yheLLo wOrld-x'yHello World-X'YHello world-x'y",
        render(
            "{{ s.startswith('he') }}{{ s.endswith(('x', 'y')) }}{{ s.upper() }}{{ s.lower() }}"
                + "{{ s.replace('LL', 'LL') }}{{ s.title() }}{{ s.capitalize() }}",
            "s",
            "heLLo wOrld-x'y"));
  }

  @Test
  void formatSupportsPositionalNamedAndSpecs() {
    assertEquals(
        "1 and b|xy|    a|b   |  c  |3.14|00042",
        render(
            "{{ '{} and {}'.format(1, 'b') }}|{{ '{0}{name}'.format('x', name='y') }}"
                + "|{{ '{:>5}|{:<4}|{:^5}|{:.2f}|{:05d}'.format('a', 'b', 'c', 3.14159, 42) }}"));
  }

  @Test
  void percentFormatting() {
    assertEquals(
        "a-3-002.3-'q'|1|ab   |",
        render(
            "{{ '%s-%d-%05.1f-%r' % ('a', 3, 2.345, 'q') }}|{{ '%(x)s' % {'x': 1} }}|{{ '%-5s|' % 'ab' }}"));
  }

  @Test
  void otherStringMethods() {
    assertEquals(
        "2|['a-b', 'c']|False|True|x|a, b|['a', 'b', 'c']|2",
        render(
            "{{ 'hello'.count('l') }}|{{ 'a-b-c'.rsplit('-', 1) }}|{{ 'TeSt'.islower() }}|{{ '123'.isdigit() }}"
                + "|{{ 'x.py'.removesuffix('.py') }}|{{ ', '.join(['a', 'b']) }}|{{ 'a\\nb\\r\\nc'.splitlines() }}"
                + "|{{ 'abc'.find('c') }}"));
  }

  @Test
  void dictMethods() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("a", 1);
    d.put("b", 2);
    assertEquals(
        "1|None|dflt|['a', 'b']|[1, 2]|[('a', 1), ('b', 2)]",
        render(
            "{{ d.get('a') }}|{{ d.get('z') }}|{{ d.get('z', 'dflt') }}|{{ d.keys() | list }}"
                + "|{{ d.values() | list }}|{{ d.items() | list }}",
            "d",
            d));
  }

  @Test
  void listAppendAccumulatesInANamespace() {
    assertEquals(
        "['u1', 'u2']|1",
        render(
            "{% set ns = namespace(seen=[]) %}{% for m in ['u1', 'u2'] %}{% set _ = ns.seen.append(m) %}"
                + "{% endfor %}{{ ns.seen }}|{{ ns.seen.index('u2') }}"));
  }
}
