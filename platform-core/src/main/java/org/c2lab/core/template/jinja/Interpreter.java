package org.c2lab.core.template.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.template.jinja.Expr.FilterCall;
import org.c2lab.core.template.jinja.Expr.Kwarg;
import org.c2lab.core.template.jinja.Expr.Pos;
import org.c2lab.core.template.jinja.Stmt.AttrTarget;
import org.c2lab.core.template.jinja.Stmt.NameTarget;
import org.c2lab.core.template.jinja.Stmt.Target;
import org.c2lab.core.template.jinja.Stmt.TupleTarget;

/** Renders statements and evaluates expressions; one instance per render call. */
final class Interpreter {
  /** Unwinds to the innermost loop; preallocated because it carries no information. */
  private static final class LoopSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoopSignal() {
      super(null, null, false, false);
    }
  }

  private static final LoopSignal BREAK = new LoopSignal();
  private static final LoopSignal CONTINUE = new LoopSignal();

  private final String templateName;

  Interpreter(String templateName) {
    this.templateName = templateName;
  }

  private TemplateException located(JinjaError e, Pos pos) {
    return e.raisedByTemplate
        ? new TemplateRaisedException(e.getMessage(), templateName, pos.line(), pos.column())
        : new TemplateException(e.getMessage(), templateName, pos.line(), pos.column());
  }

  String render(List<Stmt> body, Scope scope) {
    StringBuilder out = new StringBuilder();
    renderAll(body, scope, out);
    return out.toString();
  }

  private void renderAll(List<Stmt> body, Scope scope, StringBuilder out) {
    for (Stmt s : body) {
      try {
        renderOne(s, scope, out);
      } catch (JinjaError e) {
        throw located(e, s.pos());
      }
    }
  }

  private void renderOne(Stmt s, Scope scope, StringBuilder out) {
    if (s instanceof Stmt.Text t) {
      out.append(t.text());
    } else if (s instanceof Stmt.Output o) {
      out.append(Values.str(eval(o.expr(), scope)));
    } else if (s instanceof Stmt.If i) {
      renderIf(i, scope, out);
    } else if (s instanceof Stmt.For f) {
      out.append(renderFor(f, eval(f.iterable(), scope), scope, 0));
    } else if (s instanceof Stmt.Set set) {
      assign(set.target(), eval(set.value(), scope), scope);
    } else if (s instanceof Stmt.SetBlock sb) {
      String text = render(sb.body(), scope.child());
      assign(sb.target(), applyFilters(sb.filters(), text, scope), scope);
    } else if (s instanceof Stmt.Macro m) {
      scope.set(m.name(), macro(m.name(), m.params(), m.defaults(), m.body(), scope));
    } else if (s instanceof Stmt.CallBlock cb) {
      JinjaCallable caller = macro("caller", cb.params(), cb.defaults(), cb.body(), scope);
      out.append(Values.str(call(cb.call(), scope, caller)));
    } else if (s instanceof Stmt.FilterBlock fb) {
      out.append(Values.str(applyFilters(fb.filters(), render(fb.body(), scope.child()), scope)));
    } else if (s instanceof Stmt.Scoped w) {
      Scope inner = scope.child();
      for (int k = 0; k < w.targets().size(); k++) {
        assign(w.targets().get(k), eval(w.values().get(k), scope), inner);
      }
      renderAll(w.body(), inner, out);
    } else if (s instanceof Stmt.Do d) {
      eval(d.expr(), scope);
    } else if (s instanceof Stmt.Break) {
      throw BREAK;
    } else if (s instanceof Stmt.Continue) {
      throw CONTINUE;
    }
  }

  private void renderIf(Stmt.If i, Scope scope, StringBuilder out) {
    for (int k = 0; k < i.conditions().size(); k++) {
      if (Values.truthy(eval(i.conditions().get(k), scope))) {
        renderAll(i.bodies().get(k), scope, out);
        return;
      }
    }
    renderAll(i.elseBody(), scope, out);
  }

  private String renderFor(Stmt.For f, Object iterable, Scope scope, int depth) {
    List<Object> items = new ArrayList<>();
    for (Object item : Values.iterate(iterable)) {
      if (f.filter() != null) {
        Scope probe = scope.child();
        assign(f.target(), item, probe);
        if (!Values.truthy(eval(f.filter(), probe))) {
          continue;
        }
      }
      items.add(item);
    }
    StringBuilder out = new StringBuilder();
    if (items.isEmpty()) {
      renderAll(f.elseBody(), scope.child(), out);
      return out.toString();
    }
    LoopContext loop =
        new LoopContext(
            items, depth, f.recursive() ? next -> renderFor(f, next, scope, depth + 1) : null);
    for (int k = 0; k < items.size(); k++) {
      loop.advanceTo(k);
      Scope iteration = scope.child();
      assign(f.target(), items.get(k), iteration);
      iteration.set("loop", loop);
      try {
        renderAll(f.body(), iteration, out);
      } catch (LoopSignal signal) {
        if (signal == BREAK) {
          break;
        }
      }
    }
    return out.toString();
  }

  private void assign(Target target, Object value, Scope scope) {
    if (target instanceof NameTarget n) {
      scope.set(n.name(), value);
    } else if (target instanceof AttrTarget a) {
      Object ns = scope.lookup(a.object());
      if (!(ns instanceof Namespace namespace)) {
        throw new TemplateException(
            "cannot assign attribute '"
                + a.attr()
                + "' on '"
                + a.object()
                + "': only namespace() objects accept attribute assignment",
            templateName,
            a.pos().line(),
            a.pos().column());
      }
      namespace.set(a.attr(), value);
    } else if (target instanceof TupleTarget t) {
      List<Object> values = Values.iterate(value);
      if (values.size() != t.items().size()) {
        throw new JinjaError(
            (values.size() > t.items().size() ? "too many" : "not enough")
                + " values to unpack (expected "
                + t.items().size()
                + ", got "
                + values.size()
                + ")");
      }
      for (int k = 0; k < values.size(); k++) {
        assign(t.items().get(k), values.get(k), scope);
      }
    }
  }

  /** A macro (or a call block's {@code caller}) closing over its defining scope. */
  private JinjaCallable macro(
      String macroName,
      List<String> params,
      List<Expr> defaults,
      List<Stmt> body,
      Scope definedIn) {
    return (args, kwargs) -> {
      Scope local = definedIn.child();
      Map<String, Object> extraKw = new LinkedHashMap<>(kwargs);
      for (int k = 0; k < params.size(); k++) {
        String p = params.get(k);
        if (k < args.size()) {
          local.set(p, args.get(k));
        } else if (extraKw.containsKey(p)) {
          local.set(p, extraKw.get(p));
        } else if (defaults.get(k) != null) {
          local.set(p, eval(defaults.get(k), local));
        } else {
          local.set(p, new Undefined("parameter '" + p + "' was not provided"));
        }
        extraKw.remove(p);
      }
      if (extraKw.containsKey("caller")) {
        local.set("caller", extraKw.remove("caller"));
      }
      local.set(
          "varargs", new PyTuple(args.subList(Math.min(args.size(), params.size()), args.size())));
      local.set("kwargs", new LinkedHashMap<Object, Object>(extraKw));
      return render(body, local);
    };
  }

  private Object applyFilters(List<FilterCall> filters, Object value, Scope scope) {
    Object v = value;
    for (FilterCall f : filters) {
      v = applyFilter(f, v, scope);
    }
    return v;
  }

  private Object applyFilter(FilterCall f, Object value, Scope scope) {
    try {
      return Filters.apply(
          f.name(), value, evalArgs(f.args(), scope), evalKwargs(f.kwargs(), scope));
    } catch (JinjaError e) {
      throw located(e, f.pos());
    }
  }

  private List<Object> evalArgs(List<Expr> exprs, Scope scope) {
    List<Object> out = new ArrayList<>(exprs.size());
    for (Expr e : exprs) {
      out.add(eval(e, scope));
    }
    return out;
  }

  private Map<String, Object> evalKwargs(List<Kwarg> kwargs, Scope scope) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Kwarg k : kwargs) {
      out.put(k.name(), eval(k.value(), scope));
    }
    return out;
  }

  private Object call(Expr.Call c, Scope scope, JinjaCallable caller) {
    Object callee = eval(c.callee(), scope);
    List<Object> args = evalArgs(c.args(), scope);
    Map<String, Object> kwargs = evalKwargs(c.kwargs(), scope);
    if (caller != null) {
      kwargs.put("caller", caller);
    }
    if (callee instanceof JinjaCallable fn) {
      return fn.call(args, kwargs);
    }
    if (callee instanceof Undefined u) {
      throw u.error();
    }
    throw new JinjaError("'" + Values.typeName(callee) + "' object is not callable");
  }

  Object eval(Expr e, Scope scope) {
    try {
      return evalInner(e, scope);
    } catch (JinjaError err) {
      throw located(err, e.pos());
    }
  }

  private Object evalInner(Expr e, Scope scope) {
    if (e instanceof Expr.Literal l) {
      return l.value();
    }
    if (e instanceof Expr.Name n) {
      Object v = scope.lookup(n.name());
      return v == Scope.MISSING ? Undefined.name(n.name()) : v;
    }
    if (e instanceof Expr.GetAttr g) {
      return Operators.getAttr(eval(g.target(), scope), g.name());
    }
    if (e instanceof Expr.GetItem g) {
      return Operators.getItem(eval(g.target(), scope), eval(g.index(), scope));
    }
    if (e instanceof Expr.Slice s) {
      return Operators.slice(
          eval(s.target(), scope),
          evalOrNull(s.start(), scope),
          evalOrNull(s.stop(), scope),
          evalOrNull(s.step(), scope));
    }
    if (e instanceof Expr.Call c) {
      return call(c, scope, null);
    }
    if (e instanceof Expr.Filter f) {
      return applyFilter(f.filter(), eval(f.target(), scope), scope);
    }
    if (e instanceof Expr.Test t) {
      boolean r =
          Predicates.test(t.name(), eval(t.target(), scope), evalArgs(t.args(), scope), Map.of());
      return r != t.negated();
    }
    if (e instanceof Expr.Unary u) {
      Object v = eval(u.operand(), scope);
      return switch (u.op()) {
        case "not" -> !Values.truthy(v);
        case "-" -> Operators.negate(v);
        default -> Operators.arithmetic("+", 0L, v);
      };
    }
    if (e instanceof Expr.Binary b) {
      return evalBinary(b, scope);
    }
    if (e instanceof Expr.Compare c) {
      Object left = eval(c.first(), scope);
      for (int k = 0; k < c.ops().size(); k++) {
        Object right = eval(c.operands().get(k), scope);
        if (!Operators.compare(c.ops().get(k), left, right)) {
          return false;
        }
        left = right;
      }
      return true;
    }
    if (e instanceof Expr.Conditional c) {
      if (Values.truthy(eval(c.cond(), scope))) {
        return eval(c.then(), scope);
      }
      return c.otherwise() == null
          ? new Undefined(
              "the inline if-expression evaluated to false and no else section was defined")
          : eval(c.otherwise(), scope);
    }
    if (e instanceof Expr.ListLit l) {
      return evalArgs(l.items(), scope);
    }
    if (e instanceof Expr.TupleLit t) {
      return new PyTuple(evalArgs(t.items(), scope));
    }
    Expr.DictLit d = (Expr.DictLit) e;
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int k = 0; k < d.keys().size(); k++) {
      map.put(eval(d.keys().get(k), scope), eval(d.values().get(k), scope));
    }
    return map;
  }

  private Object evalOrNull(Expr e, Scope scope) {
    return e == null ? null : eval(e, scope);
  }

  private Object evalBinary(Expr.Binary b, Scope scope) {
    Object left = eval(b.left(), scope);
    switch (b.op()) {
      case "and":
        return Values.truthy(left) ? eval(b.right(), scope) : left;
      case "or":
        return Values.truthy(left) ? left : eval(b.right(), scope);
      case "~":
        return Values.str(left) + Values.str(eval(b.right(), scope));
      default:
        return Operators.arithmetic(b.op(), left, eval(b.right(), scope));
    }
  }
}
