package org.c2lab.core.template.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python semantics of operators, attribute access, subscripts and slices on template values. */
final class Operators {
  private Operators() {}

  static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (Values.isNumber(a) && Values.isNumber(b)) {
      if (a instanceof Double || b instanceof Double) {
        return Values.toDouble(a, "==") == Values.toDouble(b, "==");
      }
      return Values.toLong(a, "==") == Values.toLong(b, "==");
    }
    if (a instanceof Undefined || b instanceof Undefined) {
      return a instanceof Undefined && b instanceof Undefined;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if ((a instanceof PyTuple) != (b instanceof PyTuple) || la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!equal(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Python ordering of numbers, strings (by code point) and sequences. */
  static int order(Object a, Object b, String op) {
    if (Values.isNumber(a) && Values.isNumber(b)) {
      if (a instanceof Double || b instanceof Double) {
        return Double.compare(Values.toDouble(a, op), Values.toDouble(b, op));
      }
      return Long.compare(Values.toLong(a, op), Values.toLong(b, op));
    }
    if (a instanceof String sa && b instanceof String sb) {
      return compareCodePoints(sa, sb);
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
        if (!equal(la.get(i), lb.get(i))) {
          return order(la.get(i), lb.get(i), op);
        }
      }
      return Integer.compare(la.size(), lb.size());
    }
    failIfUndefined(a, b);
    throw new JinjaError(
        "'"
            + op
            + "' not supported between instances of '"
            + Values.typeName(a)
            + "' and '"
            + Values.typeName(b)
            + "'");
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  static boolean compare(String op, Object a, Object b) {
    return switch (op) {
      case "==" -> equal(a, b);
      case "!=" -> !equal(a, b);
      case "<" -> order(a, b, op) < 0;
      case "<=" -> order(a, b, op) <= 0;
      case ">" -> order(a, b, op) > 0;
      case ">=" -> order(a, b, op) >= 0;
      case "in" -> contains(b, a);
      case "not in" -> !contains(b, a);
      default -> throw new JinjaError("unknown comparison " + op);
    };
  }

  /** Python's {@code item in container}. */
  static boolean contains(Object container, Object item) {
    if (container instanceof String s) {
      if (item instanceof Undefined u) {
        throw u.error();
      }
      if (!(item instanceof String sub)) {
        throw new JinjaError(
            "'in <string>' requires string as left operand, not " + Values.typeName(item));
      }
      return s.contains(sub);
    }
    if (container instanceof Map<?, ?> m) {
      return m.containsKey(item);
    }
    if (!(container instanceof List<?> || container instanceof Undefined)) {
      throw new JinjaError("argument of type '" + Values.typeName(container) + "' is not iterable");
    }
    for (Object o : Values.iterate(container)) {
      if (equal(o, item)) {
        return true;
      }
    }
    return false;
  }

  private static void failIfUndefined(Object a, Object b) {
    if (a instanceof Undefined u) {
      throw u.error();
    }
    if (b instanceof Undefined u) {
      throw u.error();
    }
  }

  private static JinjaError unsupported(String op, Object a, Object b) {
    failIfUndefined(a, b);
    if (op.equals("+") && (a instanceof String || a instanceof List<?>)) {
      String type = Values.typeName(a);
      return new JinjaError(
          "can only concatenate " + type + " (not \"" + Values.typeName(b) + "\") to " + type);
    }
    return new JinjaError(
        "unsupported operand type(s) for "
            + op
            + ": '"
            + Values.typeName(a)
            + "' and '"
            + Values.typeName(b)
            + "'");
  }

  static Object arithmetic(String op, Object a, Object b) {
    boolean numbers = Values.isNumber(a) && Values.isNumber(b);
    boolean ints = numbers && !(a instanceof Double) && !(b instanceof Double);
    try {
      switch (op) {
        case "+":
          if (ints) {
            return Math.addExact(Values.toLong(a, op), Values.toLong(b, op));
          } else if (numbers) {
            return Values.toDouble(a, op) + Values.toDouble(b, op);
          } else if (a instanceof String sa && b instanceof String sb) {
            return sa + sb;
          } else if (a instanceof List<?> la
              && b instanceof List<?> lb
              && (a instanceof PyTuple) == (b instanceof PyTuple)) {
            List<Object> out = new ArrayList<>(la);
            out.addAll(lb);
            return a instanceof PyTuple ? new PyTuple(out) : out;
          }
          break;
        case "-":
          if (ints) {
            return Math.subtractExact(Values.toLong(a, op), Values.toLong(b, op));
          } else if (numbers) {
            return Values.toDouble(a, op) - Values.toDouble(b, op);
          }
          break;
        case "*":
          if (ints) {
            return Math.multiplyExact(Values.toLong(a, op), Values.toLong(b, op));
          } else if (numbers) {
            return Values.toDouble(a, op) * Values.toDouble(b, op);
          } else if (isIntLike(b) && (a instanceof String || a instanceof List<?>)) {
            return repeat(a, Values.toLong(b, op));
          } else if (isIntLike(a) && (b instanceof String || b instanceof List<?>)) {
            return repeat(b, Values.toLong(a, op));
          }
          break;
        case "/":
          if (numbers) {
            double divisor = Values.toDouble(b, op);
            if (divisor == 0) {
              throw new JinjaError("division by zero");
            }
            return Values.toDouble(a, op) / divisor;
          }
          break;
        case "//":
        case "%":
          if (op.equals("%") && a instanceof String fmt) {
            return PyFormat.percent(fmt, b);
          }
          if (numbers) {
            return floorDivOrMod(op, a, b, ints);
          }
          break;
        case "**":
          if (ints && Values.toLong(b, op) >= 0) {
            return powExact(Values.toLong(a, op), Values.toLong(b, op));
          } else if (numbers) {
            return Math.pow(Values.toDouble(a, op), Values.toDouble(b, op));
          }
          break;
        default:
          break;
      }
    } catch (ArithmeticException e) {
      throw new JinjaError("integer overflow in '" + op + "'");
    }
    throw unsupported(op, a, b);
  }

  private static boolean isIntLike(Object v) {
    return v instanceof Long || v instanceof Boolean;
  }

  private static Object floorDivOrMod(String op, Object a, Object b, boolean ints) {
    if (Values.toDouble(b, op) == 0) {
      throw new JinjaError(op.equals("%") ? "modulo by zero" : "integer division by zero");
    }
    if (ints) {
      long x = Values.toLong(a, op);
      long y = Values.toLong(b, op);
      return op.equals("%") ? Math.floorMod(x, y) : Math.floorDiv(x, y);
    }
    double x = Values.toDouble(a, op);
    double y = Values.toDouble(b, op);
    double q = Math.floor(x / y);
    return op.equals("%") ? x - y * q : q;
  }

  private static long powExact(long base, long exp) {
    long result = 1;
    for (long i = 0; i < exp; i++) {
      result = Math.multiplyExact(result, base);
    }
    return result;
  }

  private static Object repeat(Object seq, long times) {
    if (seq instanceof String s) {
      return times <= 0 ? "" : s.repeat(Math.toIntExact(times));
    }
    List<Object> out = new ArrayList<>();
    for (long i = 0; i < times; i++) {
      out.addAll((List<?>) seq);
    }
    return seq instanceof PyTuple ? new PyTuple(out) : out;
  }

  static Object negate(Object v) {
    if (v instanceof Double d) {
      return -d;
    }
    if (isIntLike(v)) {
      return Math.negateExact(Values.toLong(v, "-"));
    }
    if (v instanceof Undefined u) {
      throw u.error();
    }
    throw new JinjaError("bad operand type for unary -: '" + Values.typeName(v) + "'");
  }

  /** {@code obj.name}: methods first (as Python's getattr), then dict keys. */
  static Object getAttr(Object obj, String name) {
    if (obj instanceof Undefined u) {
      throw u.error();
    }
    if (obj instanceof Namespace ns) {
      return ns.get(name);
    }
    if (obj instanceof LoopContext loop) {
      return loop.attribute(name);
    }
    JinjaCallable method = Methods.bind(obj, name);
    if (method != null) {
      return method;
    }
    if (obj instanceof Map<?, ?> m && m.containsKey(name)) {
      return m.get(name);
    }
    return Undefined.attribute(obj, name);
  }

  /** {@code obj[key]}: items first (as Jinja2's getitem), then attributes. */
  static Object getItem(Object obj, Object key) {
    if (obj instanceof Undefined u) {
      throw u.error();
    }
    if (obj instanceof Map<?, ?> m) {
      if (m.containsKey(key)) {
        return m.get(key);
      }
    } else if (obj instanceof List<?> l && isIntLike(key)) {
      long i = Values.toLong(key, "index");
      long idx = i < 0 ? i + l.size() : i;
      return idx >= 0 && idx < l.size() ? l.get((int) idx) : Undefined.attribute(obj, key);
    } else if (obj instanceof String s && isIntLike(key)) {
      int[] cps = Strings.codePoints(s);
      long i = Values.toLong(key, "index");
      long idx = i < 0 ? i + cps.length : i;
      return idx >= 0 && idx < cps.length
          ? new String(Character.toChars(cps[(int) idx]))
          : Undefined.attribute(obj, key);
    }
    return key instanceof String name ? getAttr(obj, name) : Undefined.attribute(obj, key);
  }

  /** {@code obj[start:stop:step]} with Python's clamping and negative indices. */
  static Object slice(Object obj, Object start, Object stop, Object step) {
    if (obj instanceof Undefined u) {
      throw u.error();
    }
    int length;
    int[] cps = null;
    if (obj instanceof String s) {
      cps = Strings.codePoints(s);
      length = cps.length;
    } else if (obj instanceof List<?> l) {
      length = l.size();
    } else {
      throw new JinjaError("'" + Values.typeName(obj) + "' object is not subscriptable");
    }
    long st = step == null ? 1 : Values.toLong(step, "slice");
    if (st == 0) {
      throw new JinjaError("slice step cannot be zero");
    }
    long lo = bound(start, length, st, true);
    long hi = bound(stop, length, st, false);
    List<Integer> indices = new ArrayList<>();
    for (long i = lo; st > 0 ? i < hi : i > hi; i += st) {
      indices.add((int) i);
    }
    if (cps != null) {
      return Strings.fromCodePoints(cps, indices);
    }
    List<?> l = (List<?>) obj;
    List<Object> out = new ArrayList<>(indices.size());
    indices.forEach(i -> out.add(l.get(i)));
    return obj instanceof PyTuple ? new PyTuple(out) : out;
  }

  private static long bound(Object v, int length, long step, boolean isStart) {
    if (v == null) {
      return step > 0 ? (isStart ? 0 : length) : (isStart ? length - 1 : -1);
    }
    long i = Values.toLong(v, "slice");
    if (i < 0) {
      i += length;
      if (i < 0) {
        return step > 0 ? 0 : -1;
      }
    } else if (i >= length) {
      return step > 0 ? length : length - 1;
    }
    return i;
  }
}
