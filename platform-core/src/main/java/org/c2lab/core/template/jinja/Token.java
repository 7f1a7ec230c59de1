package org.c2lab.core.template.jinja;

/** One lexical unit of a template: literal text, a tag delimiter, or a token inside a tag. */
record Token(Kind kind, String text, Object value, int line, int column) {

  enum Kind {
    TEXT,
    VAR_BEGIN,
    VAR_END,
    BLOCK_BEGIN,
    BLOCK_END,
    NAME,
    STRING,
    INT,
    FLOAT,
    OP,
    EOF
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOp(String t) {
    return is(Kind.OP, t);
  }

  boolean isName(String t) {
    return is(Kind.NAME, t);
  }

  String describe() {
    return switch (kind) {
      case EOF -> "end of template";
      case TEXT -> "template text";
      case STRING -> "string " + text;
      default -> "'" + text + "'";
    };
  }
}
