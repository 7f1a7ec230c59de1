package org.c2lab.core.template.jinja;

import java.util.LinkedHashMap;
import java.util.Map;

/** Jinja2's {@code namespace()}: a mutable bag whose attributes survive loop scopes. */
final class Namespace {
  final Map<String, Object> attributes = new LinkedHashMap<>();

  Object get(String name) {
    return attributes.containsKey(name) ? attributes.get(name) : Undefined.attribute(this, name);
  }

  void set(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public String toString() {
    return "<Namespace " + Values.repr(attributes) + ">";
  }
}
