package org.c2lab.core.template.jinja;

import java.util.List;
import org.c2lab.core.template.jinja.Expr.FilterCall;
import org.c2lab.core.template.jinja.Expr.Pos;

/** Statement nodes of the template syntax tree. */
sealed interface Stmt {
  Pos pos();

  /** Where an assignment or loop variable goes. */
  sealed interface Target {
    Pos pos();
  }

  record NameTarget(Pos pos, String name) implements Target {}

  /** {@code ns.attr}: the only attribute assignment Jinja2 allows, on a namespace. */
  record AttrTarget(Pos pos, String object, String attr) implements Target {}

  record TupleTarget(Pos pos, List<Target> items) implements Target {}

  record Text(Pos pos, String text) implements Stmt {}

  record Output(Pos pos, Expr expr) implements Stmt {}

  /** {@code if / elif* / else}: {@code conditions.get(i)} guards {@code bodies.get(i)}. */
  record If(Pos pos, List<Expr> conditions, List<List<Stmt>> bodies, List<Stmt> elseBody)
      implements Stmt {}

  /** {@code for target in iterable [if filter] ... [else] ... endfor}. */
  record For(
      Pos pos,
      Target target,
      Expr iterable,
      Expr filter,
      List<Stmt> body,
      List<Stmt> elseBody,
      boolean recursive)
      implements Stmt {}

  record Set(Pos pos, Target target, Expr value) implements Stmt {}

  /** {@code {% set x | filters %}body{% endset %}}. */
  record SetBlock(Pos pos, Target target, List<FilterCall> filters, List<Stmt> body)
      implements Stmt {}

  /** A macro definition; {@code defaults} aligns with {@code params}, null where none. */
  record Macro(Pos pos, String name, List<String> params, List<Expr> defaults, List<Stmt> body)
      implements Stmt {}

  /** {@code {% call(params) macro(args) %}body{% endcall %}}. */
  record CallBlock(
      Pos pos, Expr.Call call, List<String> params, List<Expr> defaults, List<Stmt> body)
      implements Stmt {}

  record FilterBlock(Pos pos, List<FilterCall> filters, List<Stmt> body) implements Stmt {}

  /** A new variable scope, optionally with assignments ({@code with}, {@code generation}). */
  record Scoped(Pos pos, List<Target> targets, List<Expr> values, List<Stmt> body)
      implements Stmt {}

  record Do(Pos pos, Expr expr) implements Stmt {}

  record Break(Pos pos) implements Stmt {}

  record Continue(Pos pos) implements Stmt {}
}
