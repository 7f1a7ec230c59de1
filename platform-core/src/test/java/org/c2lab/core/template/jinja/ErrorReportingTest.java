package org.c2lab.core.template.jinja;

import static org.c2lab.core.template.jinja.Renders.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Syntax and runtime errors name the template, line and column of the construct at fault. */
class ErrorReportingTest {

  private static TemplateException fails(Executable action) {
    return assertThrows(TemplateException.class, action);
  }

  @Test
  void messageCarriesTemplateNameLineAndColumn() {
    TemplateException e =
        fails(() -> Template.parse("chat", "a\nb {{ 1 +  }}", TemplateOptions.huggingFace()));
    assertEquals("chat", e.templateName());
    assertEquals(2, e.line());
    assertEquals(11, e.column());
    assertEquals(
        "template 'chat', line 2, column 11: unexpected '}}' in expression", e.getMessage());
  }

  @Test
  void unclosedBlockNamesWhereItWasOpened() {
    TemplateException e = fails(() -> render("x\n{% for m in messages %}\n{{ m }}"));
    assertEquals(
        "unexpected end of template: 'for' opened at line 2 is never closed (expected else or endfor)",
        e.detail());
  }

  @Test
  void unclosedTagsCommentsAndStrings() {
    assertEquals("unclosed tag: missing '}}'", fails(() -> render("{{ x ")).detail());
    assertEquals("unclosed comment: missing '#}'", fails(() -> render("{# x")).detail());
    assertEquals("unterminated string literal", fails(() -> render("{{ 'abc }}")).detail());
  }

  @Test
  void unknownFiltersTestsAndTagsFailAtParseTime() {
    TemplateException filter = fails(() -> render("line\n  {{ x | nosuch }}"));
    assertEquals("no filter named 'nosuch'", filter.detail());
    assertEquals(2, filter.line());
    assertEquals(10, filter.column());
    assertEquals("no test named 'nosuch'", fails(() -> render("{{ x is nosuch }}")).detail());
    assertEquals("unknown tag 'frobnicate'", fails(() -> render("{% frobnicate %}")).detail());
    assertEquals(
        "'include' is not supported in chat templates",
        fails(() -> render("{% include 'x' %}")).detail());
    assertEquals(
        "unexpected 'endif': no matching block is open",
        fails(() -> render("{% endif %}")).detail());
    assertEquals("'break' outside of a loop", fails(() -> render("{% break %}")).detail());
  }

  @Test
  void runtimeErrorsPointAtTheFailingExpression() {
    TemplateException e =
        fails(
            () ->
                render(
                    "ok\n{% for m in messages %}{{ m.content + 1 }}{% endfor %}",
                    "messages", java.util.List.of(Map.of("content", "c"))));
    assertEquals("can only concatenate str (not \"int\") to str", e.detail());
    assertEquals(2, e.line());
    assertEquals(37, e.column());
  }

  @Test
  void typeErrorsUsePythonWording() {
    assertEquals("division by zero", fails(() -> render("{{ 1 / 0 }}")).detail());
    assertEquals(
        "'<' not supported between instances of 'int' and 'str'",
        fails(() -> render("{{ 1 < 'a' }}")).detail());
    assertEquals(
        "'NoneType' object is not iterable",
        fails(() -> render("{% for x in none %}{% endfor %}")).detail());
    assertEquals(
        "too many values to unpack (expected 2, got 3)",
        fails(() -> render("{% set a, b = [1, 2, 3] %}")).detail());
    assertEquals(
        "cannot assign attribute 'x' on 'd': only namespace() objects accept attribute assignment",
        fails(() -> render("{% set d = {} %}{% set d.x = 1 %}")).detail());
  }
}
