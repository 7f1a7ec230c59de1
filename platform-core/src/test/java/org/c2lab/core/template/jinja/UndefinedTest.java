package org.c2lab.core.template.jinja;

import static org.c2lab.core.template.jinja.Renders.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jinja2's default Undefined: lenient when printed, tested or iterated, strict when used. */
class UndefinedTest {

  @Test
  void rendersEmptyIsFalsyIteratesAsEmptyAndHasLengthZero() {
    assertEquals(
        "[]no0[]",
        render(
            "[{{ x }}]{% if x %}yes{% else %}no{% endif %}{{ x | length }}{% for i in x %}{{ i }}{% endfor %}{{ x | list }}"));
  }

  @Test
  void missingDictKeysAndOutOfRangeIndicesAreUndefined() {
    assertEquals(
        "FalseFalse[]",
        render(
            "{{ [1][5] is defined }}{{ {'a': 1}.b is defined }}[{{ m.metadata }}]",
            "m",
            Map.of("role", "user")));
  }

  @Test
  void equalityWithUndefinedIsFalseExceptWithAnotherUndefined() {
    assertEquals("TrueFalseFalse", render("{{ x == y }}{{ x == none }}{{ 'a' in x }}"));
  }

  @Test
  void attributeOfUndefinedIsAnError() {
    TemplateException e = assertThrows(TemplateException.class, () -> render("{{ x.y }}"));
    assertEquals("'x' is undefined", e.detail());
  }

  @Test
  void attributeOfAMissingKeyIsAnErrorNamingTheOwner() {
    TemplateException e =
        assertThrows(TemplateException.class, () -> render("{{ d.a.b }}", "d", Map.of()));
    assertEquals("'dict object' has no attribute 'a'", e.detail());
    TemplateException f =
        assertThrows(
            TemplateException.class, () -> render("{{ m[0]['content'] }}", "m", List.of()));
    assertEquals("list object has no element 0", f.detail());
  }

  @Test
  void arithmeticAndCallsOnUndefinedAreErrors() {
    assertEquals(
        "'x' is undefined",
        assertThrows(TemplateException.class, () -> render("{{ x + 1 }}")).detail());
    assertEquals(
        "'f' is undefined",
        assertThrows(TemplateException.class, () -> render("{{ f(1) }}")).detail());
  }

  @Test
  void defaultTurnsUndefinedIntoAValue() {
    assertEquals("z", render("{{ foo | default(bar) | default('z') }}"));
  }

  @Test
  void noneIsNotUndefined() {
    assertEquals(
        "None|True|False", render("{{ n }}|{{ n is none }}|{{ n is undefined }}", "n", null_()));
  }

  private static Object null_() {
    return null;
  }
}
