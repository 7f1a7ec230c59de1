package org.c2lab.core.template.jinja;

import java.util.AbstractList;
import java.util.List;

/** An immutable Python tuple: a list that prints with parentheses and never equals a list. */
final class PyTuple extends AbstractList<Object> {
  private final Object[] items;

  PyTuple(List<?> items) {
    this.items = items.toArray();
  }

  static PyTuple of(Object... items) {
    return new PyTuple(java.util.Arrays.asList(items));
  }

  @Override
  public Object get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
