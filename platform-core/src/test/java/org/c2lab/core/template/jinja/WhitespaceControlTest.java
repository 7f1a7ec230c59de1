package org.c2lab.core.template.jinja;

import static org.c2lab.core.template.jinja.Renders.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings follow Jinja2 3.1 with trim_blocks and lstrip_blocks, as transformers sets. */
class WhitespaceControlTest {

  @Test
  void trimBlocksDropsTheNewlineAfterABlockTagButNotAfterAnOutputTag() {
    assertEquals("a\nb", render("{% if true %}\na{% endif %}\n{{ '' }}\nb"));
  }

  @Test
  void lstripBlocksDropsIndentationBeforeBlockTagsOnly() {
    assertEquals("    yes\n  end", render("  {% if true %}\n    yes\n  {% endif %}\n  end\n"));
    assertEquals("\n  a", render("\n  {{ 'a' }}"));
  }

  @Test
  void lstripBlocksKeepsTextThatIsNotAloneOnItsLineBeforeTheTag() {
    assertEquals("text A", render("text {% if true %}\nA{% endif %}"));
  }

  @Test
  void dashStripsAllWhitespaceIncludingNewlines() {
    assertEquals("AB", render("{%- if true -%}\n  A  \n{%- endif -%}\n B"));
    assertEquals(" a  b   x", render("{{- ' a ' -}}  \n  {{- ' b ' }}  x"));
  }

  @Test
  void plusDisablesLstripAndTrimForThatTag() {
    assertEquals("x y\nz", render("x {%+ if true %}y{% endif +%}\nz"));
  }

  @Test
  void commentsAreRemovedWithTheirLineLikeBlockTags() {
    assertEquals("a\nb", render("a\n  {# comment #}\nb"));
    assertEquals("ab", render("a  {#- c -#}  \n b"));
  }

  @Test
  void rawBlocksAreNotParsedAndOnlyEndrawTrimsTheFollowingNewline() {
    assertEquals("\n  {{ x }}\nafter", render("  {% raw %}\n  {{ x }}\n  {% endraw %}\nafter"));
  }

  @Test
  void oneTrailingNewlineOfTheTemplateIsDropped() {
    assertEquals("a\n", render("a\n\n"));
  }

  @Test
  void windowsNewlinesAreNormalized() {
    assertEquals("a\nbc", render("a\r\n{% if true %}\r\nb{% endif %}\r\nc"));
  }

  @Test
  void jinjaDefaultsKeepWhitespaceAroundBlocks() {
    Template t =
        Template.parse("t", "  {% if true %}\nx{% endif %}\n", TemplateOptions.jinjaDefaults());
    assertEquals("  \nx", t.render(Map.of()));
  }

  @Test
  void nestedIndentedLoopsRenderOnlyTheirOutputLines() {
    String src =
        "{% for i in range(2) %}\n    {% for j in range(2) %}\n        {{ i }}{{ j }}\n"
            + "    {% endfor %}\n{% endfor %}";
    assertEquals("        00\n        01\n        10\n        11\n", render(src));
  }
}
