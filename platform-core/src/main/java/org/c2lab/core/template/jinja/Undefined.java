package org.c2lab.core.template.jinja;

/**
 * Jinja2's default {@code Undefined}: renders as the empty string, is falsy, iterates as empty and
 * has length 0, but any attribute access, subscript, call or arithmetic on it is an error carrying
 * {@link #message}.
 */
final class Undefined {
  /** Why the value is undefined, e.g. {@code 'foo' is undefined}. */
  final String message;

  Undefined(String message) {
    this.message = message;
  }

  static Undefined name(String name) {
    return new Undefined("'" + name + "' is undefined");
  }

  /** What Jinja2 says when {@code owner.attr} or {@code owner[attr]} does not exist. */
  static Undefined attribute(Object owner, Object attr) {
    String type = owner == null ? "None" : Values.typeName(owner) + " object";
    return new Undefined(
        attr instanceof String
            ? "'" + type + "' has no attribute " + Values.repr(attr)
            : type + " has no element " + Values.repr(attr));
  }

  JinjaError error() {
    return new JinjaError(message);
  }

  @Override
  public String toString() {
    return "";
  }
}
