package org.c2lab.core.template.jinja;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The {@code loop} variable inside a for loop: index, first/last, length, cycle(), ... */
final class LoopContext implements JinjaCallable {
  private final List<Object> items;
  private final int depth0;
  private final Function<Object, String> recurse;
  private int index0;
  private Object lastChanged = NOTHING;

  private static final Object NOTHING = new Object();

  /**
   * @param recurse renders the loop body over another iterable for {@code loop(children)} in a
   *     recursive loop, null when the loop is not recursive
   */
  LoopContext(List<Object> items, int depth0, Function<Object, String> recurse) {
    this.items = items;
    this.depth0 = depth0;
    this.recurse = recurse;
  }

  void advanceTo(int index) {
    this.index0 = index;
  }

  Object attribute(String name) {
    int n = items.size();
    return switch (name) {
      case "index" -> (long) index0 + 1;
      case "index0" -> (long) index0;
      case "revindex" -> (long) (n - index0);
      case "revindex0" -> (long) (n - index0 - 1);
      case "first" -> index0 == 0;
      case "last" -> index0 == n - 1;
      case "length" -> (long) n;
      case "depth" -> (long) depth0 + 1;
      case "depth0" -> (long) depth0;
      case "previtem" ->
          index0 > 0 ? items.get(index0 - 1) : new Undefined("there is no previous item");
      case "nextitem" ->
          index0 < n - 1 ? items.get(index0 + 1) : new Undefined("there is no next item");
      case "cycle" -> (JinjaCallable) this::cycle;
      case "changed" -> (JinjaCallable) this::changed;
      default -> Undefined.attribute(this, name);
    };
  }

  private Object cycle(List<Object> args, Map<String, Object> kwargs) {
    if (args.isEmpty()) {
      throw new JinjaError("no items for cycling given");
    }
    return args.get(index0 % args.size());
  }

  private Object changed(List<Object> args, Map<String, Object> kwargs) {
    Object value = args.size() == 1 ? args.get(0) : new PyTuple(args);
    boolean changed = lastChanged == NOTHING || !Operators.equal(lastChanged, value);
    lastChanged = value;
    return changed;
  }

  @Override
  public Object call(List<Object> args, Map<String, Object> kwargs) {
    if (recurse == null) {
      throw new JinjaError("loop() can only be called in a loop declared 'recursive'");
    }
    if (args.size() != 1) {
      throw new JinjaError("loop() takes exactly one argument, the iterable");
    }
    return recurse.apply(args.get(0));
  }

  @Override
  public String toString() {
    return "<LoopContext " + (index0 + 1) + "/" + items.size() + ">";
  }
}
