package org.c2lab.core.template.jinja;

import static org.c2lab.core.template.jinja.Renders.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Jinja2's {@code is} tests. */
class PredicateTest {

  @Test
  void typeTests() {
    assertEquals(
        "FalseTrueTrueTrueTrueTrueTrueTrueTrueTrueTrueTrueFalse",
        render(
            "{{ x is defined }}{{ x is undefined }}{{ none is none }}{{ 'a' is string }}{{ 1 is number }}"
                + "{{ 1.5 is number }}{{ true is number }}{{ {} is mapping }}{{ [] is iterable }}"
                + "{{ 'a' is iterable }}{{ [] is sequence }}{{ true is boolean }}{{ 1 is boolean }}"));
    assertEquals(
        "TrueFalseTrue", render("{{ 1 is integer }}{{ 1.0 is integer }}{{ 1.0 is float }}"));
  }

  @Test
  void valueTests() {
    assertEquals(
        "TrueFalseTrueTrueTrueTrueFalseTrueTrueFalseTrueTrue",
        render(
            "{{ true is true }}{{ 1 is true }}{{ false is false }}{{ 2 is even }}{{ 3 is odd }}"
                + "{{ 6 is divisibleby 3 }}{{ 6 is divisibleby(4) }}{{ 'a' is in 'abc' }}{{ 1 is eq 1 }}"
                + "{{ 1 is ne 1 }}{{ 'ab' is lower }}{{ 'AB' is upper }}"));
  }

  @Test
  void negatedTestsAndNotBindAroundTests() {
    assertEquals(
        "TrueTrueFalse",
        render("{{ x is not defined }}{{ not x is defined }}{{ none is not none }}"));
  }

  @Test
  void sameasIsIdentity() {
    assertEquals(
        "TrueTrueFalse",
        render("{{ none is sameas none }}{{ 1 is sameas 1 }}{{ [] is sameas [] }}"));
  }
}
