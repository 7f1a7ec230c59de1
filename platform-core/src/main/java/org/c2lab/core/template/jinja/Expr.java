package org.c2lab.core.template.jinja;

import java.util.List;

/** Expression nodes of the template syntax tree. Every node records where it starts. */
sealed interface Expr {
  Pos pos();

  /** 1-based source position. */
  record Pos(int line, int column) {
    static Pos of(Token t) {
      return new Pos(t.line(), t.column());
    }
  }

  /** {@code name=value} argument of a call, filter or test. */
  record Kwarg(String name, Expr value) {}

  /** A filter application without its input: {@code name(args, kw=...)}. */
  record FilterCall(Pos pos, String name, List<Expr> args, List<Kwarg> kwargs) {}

  record Literal(Pos pos, Object value) implements Expr {}

  record Name(Pos pos, String name) implements Expr {}

  record ListLit(Pos pos, List<Expr> items) implements Expr {}

  record TupleLit(Pos pos, List<Expr> items) implements Expr {}

  record DictLit(Pos pos, List<Expr> keys, List<Expr> values) implements Expr {}

  /** {@code target.name}. */
  record GetAttr(Pos pos, Expr target, String name) implements Expr {}

  /** {@code target[index]}. */
  record GetItem(Pos pos, Expr target, Expr index) implements Expr {}

  /** {@code target[start:stop:step]}; absent parts are null. */
  record Slice(Pos pos, Expr target, Expr start, Expr stop, Expr step) implements Expr {}

  record Call(Pos pos, Expr callee, List<Expr> args, List<Kwarg> kwargs) implements Expr {}

  /** {@code target | filter}. */
  record Filter(Pos pos, Expr target, FilterCall filter) implements Expr {}

  /** {@code target is [not] name(args)}. */
  record Test(Pos pos, Expr target, String name, List<Expr> args, boolean negated)
      implements Expr {}

  /** {@code not}, unary {@code -} and {@code +}. */
  record Unary(Pos pos, String op, Expr operand) implements Expr {}

  /** Arithmetic, {@code ~}, {@code and}, {@code or}. */
  record Binary(Pos pos, String op, Expr left, Expr right) implements Expr {}

  /** A comparison chain {@code a < b <= c}, also {@code in} and {@code not in}. */
  record Compare(Pos pos, Expr first, List<String> ops, List<Expr> operands) implements Expr {}

  /** {@code then if cond else otherwise}; {@code otherwise} may be null (yields undefined). */
  record Conditional(Pos pos, Expr cond, Expr then, Expr otherwise) implements Expr {}
}
