package org.c2lab.core.template.jinja;

import java.util.HashMap;
import java.util.Map;

/**
 * A variable scope. Jinja2 gives each loop iteration, macro call and block assignment its own
 * scope, while {@code if} does not; assignments always go to the innermost scope.
 */
final class Scope {
  /** Marks a name that no scope defines (null is a legitimate value: None). */
  static final Object MISSING = new Object();

  private final Scope parent;
  private final Map<String, Object> vars = new HashMap<>();

  Scope(Scope parent) {
    this.parent = parent;
  }

  Scope child() {
    return new Scope(this);
  }

  Object lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.vars.containsKey(name)) {
        return s.vars.get(name);
      }
    }
    return MISSING;
  }

  void set(String name, Object value) {
    vars.put(name, value);
  }
}
