package org.c2lab.core.template.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.c2lab.core.template.jinja.Expr.Binary;
import org.c2lab.core.template.jinja.Expr.Call;
import org.c2lab.core.template.jinja.Expr.Compare;
import org.c2lab.core.template.jinja.Expr.Conditional;
import org.c2lab.core.template.jinja.Expr.DictLit;
import org.c2lab.core.template.jinja.Expr.FilterCall;
import org.c2lab.core.template.jinja.Expr.GetAttr;
import org.c2lab.core.template.jinja.Expr.GetItem;
import org.c2lab.core.template.jinja.Expr.Kwarg;
import org.c2lab.core.template.jinja.Expr.ListLit;
import org.c2lab.core.template.jinja.Expr.Literal;
import org.c2lab.core.template.jinja.Expr.Name;
import org.c2lab.core.template.jinja.Expr.Pos;
import org.c2lab.core.template.jinja.Expr.Slice;
import org.c2lab.core.template.jinja.Expr.TupleLit;
import org.c2lab.core.template.jinja.Expr.Unary;
import org.c2lab.core.template.jinja.Token.Kind;

/**
 * Recursive-descent parser for Jinja2 expressions, with Jinja2's precedence: conditional, or, and,
 * not, comparisons, {@code + -}, {@code ~}, {@code * / // %}, {@code **}, unary, then postfix
 * access, filters and tests (which bind tighter than any binary operator).
 */
class ExprParser {
  private static final Set<String> COMPARE_OPS = Set.of("==", "!=", "<", "<=", ">", ">=");
  private static final Set<String> TEST_ARG_STOP =
      Set.of("else", "or", "and", "if", "in", "is", "not", "recursive");

  protected final List<Token> tokens;
  protected final String name;
  protected int index;

  ExprParser(List<Token> tokens, String name) {
    this.tokens = tokens;
    this.name = name;
  }

  protected Token peek() {
    return tokens.get(index);
  }

  protected Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  protected Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Kind.EOF) {
      index++;
    }
    return t;
  }

  protected TemplateException error(String message, Token at) {
    return new TemplateException(message, name, at.line(), at.column());
  }

  protected Token expectOp(String op) {
    Token t = next();
    if (!t.isOp(op)) {
      throw error("expected '" + op + "', got " + t.describe(), t);
    }
    return t;
  }

  protected String expectName() {
    Token t = next();
    if (t.kind() != Kind.NAME) {
      throw error("expected a name, got " + t.describe(), t);
    }
    return t.text();
  }

  protected Token expectKind(Kind kind, String what) {
    Token t = next();
    if (t.kind() != kind) {
      throw error("expected " + what + ", got " + t.describe(), t);
    }
    return t;
  }

  /** An expression, optionally a bare tuple {@code a, b} (as in output tags and set values). */
  Expr parseTuple(boolean withConditional, Set<String> extraEnds) {
    Token start = peek();
    List<Expr> items = new ArrayList<>();
    boolean isTuple = false;
    while (true) {
      if (!items.isEmpty()) {
        expectOp(",");
      }
      if (isTupleEnd(extraEnds)) {
        break;
      }
      items.add(withConditional ? parseExpression() : parseOr());
      if (peek().isOp(",")) {
        isTuple = true;
      } else {
        break;
      }
    }
    if (!isTuple) {
      if (items.isEmpty()) {
        throw error("expected an expression, got " + peek().describe(), peek());
      }
      return items.get(0);
    }
    return new TupleLit(Pos.of(start), items);
  }

  private boolean isTupleEnd(Set<String> extraEnds) {
    Token t = peek();
    return switch (t.kind()) {
      case VAR_END, BLOCK_END, EOF -> true;
      case OP -> t.text().equals(")");
      case NAME -> extraEnds.contains(t.text());
      default -> false;
    };
  }

  Expr parseExpression() {
    Expr expr = parseOr();
    while (peek().isName("if")) {
      Token t = next();
      Expr cond = parseOr();
      Expr otherwise = null;
      if (peek().isName("else")) {
        next();
        otherwise = parseExpression();
      }
      expr = new Conditional(Pos.of(t), cond, expr, otherwise);
    }
    return expr;
  }

  Expr parseOr() {
    Expr left = parseAnd();
    while (peek().isName("or")) {
      Token t = next();
      left = new Binary(Pos.of(t), "or", left, parseAnd());
    }
    return left;
  }

  private Expr parseAnd() {
    Expr left = parseNot();
    while (peek().isName("and")) {
      Token t = next();
      left = new Binary(Pos.of(t), "and", left, parseNot());
    }
    return left;
  }

  private Expr parseNot() {
    if (peek().isName("not")) {
      Token t = next();
      return new Unary(Pos.of(t), "not", parseNot());
    }
    return parseCompare();
  }

  private Expr parseCompare() {
    Token start = peek();
    Expr first = parseMath1();
    List<String> ops = new ArrayList<>();
    List<Expr> operands = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.OP && COMPARE_OPS.contains(t.text())) {
        next();
        ops.add(t.text());
      } else if (t.isName("in")) {
        next();
        ops.add("in");
      } else if (t.isName("not") && peek(1).isName("in")) {
        next();
        next();
        ops.add("not in");
      } else {
        break;
      }
      operands.add(parseMath1());
    }
    return ops.isEmpty() ? first : new Compare(Pos.of(start), first, ops, operands);
  }

  private Expr parseMath1() {
    Expr left = parseConcat();
    while (peek().isOp("+") || peek().isOp("-")) {
      Token t = next();
      left = new Binary(Pos.of(t), t.text(), left, parseConcat());
    }
    return left;
  }

  private Expr parseConcat() {
    Expr left = parseMath2();
    while (peek().isOp("~")) {
      Token t = next();
      left = new Binary(Pos.of(t), "~", left, parseMath2());
    }
    return left;
  }

  private Expr parseMath2() {
    Expr left = parsePow();
    while (peek().isOp("*") || peek().isOp("/") || peek().isOp("//") || peek().isOp("%")) {
      Token t = next();
      left = new Binary(Pos.of(t), t.text(), left, parsePow());
    }
    return left;
  }

  private Expr parsePow() {
    Expr left = parseUnary(true);
    while (peek().isOp("**")) {
      Token t = next();
      left = new Binary(Pos.of(t), "**", left, parseUnary(true));
    }
    return left;
  }

  private Expr parseUnary(boolean withFilter) {
    Token t = peek();
    Expr node;
    if (t.isOp("-") || t.isOp("+")) {
      next();
      node = new Unary(Pos.of(t), t.text(), parseUnary(false));
    } else {
      node = parsePrimary();
    }
    node = parsePostfix(node);
    return withFilter ? parseFilterExpr(node) : node;
  }

  private Expr parsePrimary() {
    Token t = next();
    Pos pos = Pos.of(t);
    switch (t.kind()) {
      case NAME:
        return switch (t.text()) {
          case "true", "True" -> new Literal(pos, true);
          case "false", "False" -> new Literal(pos, false);
          case "none", "None" -> new Literal(pos, null);
          default -> new Name(pos, t.text());
        };
      case STRING:
        StringBuilder sb = new StringBuilder((String) t.value());
        while (peek().kind() == Kind.STRING) {
          sb.append((String) next().value());
        }
        return new Literal(pos, sb.toString());
      case INT:
      case FLOAT:
        return new Literal(pos, t.value());
      case OP:
        if (t.text().equals("(")) {
          if (peek().isOp(")")) {
            next();
            return new TupleLit(pos, List.of());
          }
          Expr inner = parseTuple(true, Set.of());
          expectOp(")");
          return inner;
        }
        if (t.text().equals("[")) {
          return new ListLit(pos, parseSequence("]"));
        }
        if (t.text().equals("{")) {
          return parseDict(pos);
        }
        break;
      default:
        break;
    }
    throw error("unexpected " + t.describe() + " in expression", t);
  }

  private List<Expr> parseSequence(String close) {
    List<Expr> items = new ArrayList<>();
    while (!peek().isOp(close)) {
      if (!items.isEmpty()) {
        expectOp(",");
        if (peek().isOp(close)) {
          break;
        }
      }
      items.add(parseExpression());
    }
    expectOp(close);
    return items;
  }

  private Expr parseDict(Pos pos) {
    List<Expr> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (!peek().isOp("}")) {
      if (!keys.isEmpty()) {
        expectOp(",");
        if (peek().isOp("}")) {
          break;
        }
      }
      keys.add(parseExpression());
      expectOp(":");
      values.add(parseExpression());
    }
    expectOp("}");
    return new DictLit(pos, keys, values);
  }

  private Expr parsePostfix(Expr node) {
    while (true) {
      Token t = peek();
      if (t.isOp(".")) {
        next();
        Token attr = next();
        if (attr.kind() == Kind.NAME) {
          node = new GetAttr(Pos.of(t), node, attr.text());
        } else if (attr.kind() == Kind.INT) {
          node = new GetItem(Pos.of(t), node, new Literal(Pos.of(attr), attr.value()));
        } else {
          throw error("expected an attribute name after '.', got " + attr.describe(), attr);
        }
      } else if (t.isOp("[")) {
        next();
        node = parseSubscript(node, t);
      } else if (t.isOp("(")) {
        node = parseCall(node);
      } else {
        return node;
      }
    }
  }

  private Expr parseSubscript(Expr target, Token open) {
    Pos pos = Pos.of(open);
    Expr start = null;
    if (!peek().isOp(":")) {
      start = parseExpression();
      if (!peek().isOp(":")) {
        expectOp("]");
        return new GetItem(pos, target, start);
      }
    }
    expectOp(":");
    Expr stop = peek().isOp("]") || peek().isOp(":") ? null : parseExpression();
    Expr step = null;
    if (peek().isOp(":")) {
      next();
      step = peek().isOp("]") ? null : parseExpression();
    }
    expectOp("]");
    return new Slice(pos, target, start, stop, step);
  }

  private Call parseCall(Expr callee) {
    expectOp("(");
    List<Expr> args = new ArrayList<>();
    List<Kwarg> kwargs = new ArrayList<>();
    parseArguments(args, kwargs);
    return new Call(callee.pos(), callee, args, kwargs);
  }

  /** Parses {@code (a, b, key=value)} after the opening parenthesis has been consumed. */
  protected void parseArguments(List<Expr> args, List<Kwarg> kwargs) {
    boolean first = true;
    while (!peek().isOp(")")) {
      if (!first) {
        expectOp(",");
        if (peek().isOp(")")) {
          break;
        }
      }
      first = false;
      if (peek().kind() == Kind.NAME && peek(1).isOp("=")) {
        String key = next().text();
        next();
        kwargs.add(new Kwarg(key, parseExpression()));
      } else {
        if (!kwargs.isEmpty()) {
          throw error("positional argument follows keyword argument", peek());
        }
        args.add(parseExpression());
      }
    }
    expectOp(")");
  }

  private Expr parseFilterExpr(Expr node) {
    while (true) {
      Token t = peek();
      if (t.isOp("|")) {
        next();
        node = new Expr.Filter(Pos.of(t), node, parseFilterCall());
      } else if (t.isName("is")) {
        next();
        node = parseTest(node, t);
      } else if (t.isOp("(")) {
        node = parseCall(node);
      } else {
        return node;
      }
    }
  }

  /** {@code name[.name][(args)]} after a {@code |}. */
  protected FilterCall parseFilterCall() {
    Token t = expectKind(Kind.NAME, "a filter name");
    String filter = t.text();
    while (peek().isOp(".")) {
      next();
      filter += "." + expectName();
    }
    if (!Filters.has(filter)) {
      throw error("no filter named '" + filter + "'", t);
    }
    List<Expr> args = new ArrayList<>();
    List<Kwarg> kwargs = new ArrayList<>();
    if (peek().isOp("(")) {
      next();
      parseArguments(args, kwargs);
    }
    return new FilterCall(Pos.of(t), filter, args, kwargs);
  }

  private Expr parseTest(Expr target, Token is) {
    boolean negated = false;
    if (peek().isName("not")) {
      next();
      negated = true;
    }
    Token t = expectKind(Kind.NAME, "a test name");
    if (!Predicates.has(t.text())) {
      throw error("no test named '" + t.text() + "'", t);
    }
    List<Expr> args = new ArrayList<>();
    Token n = peek();
    if (n.isOp("(")) {
      next();
      List<Kwarg> kwargs = new ArrayList<>();
      parseArguments(args, kwargs);
      if (!kwargs.isEmpty()) {
        throw error("tests take positional arguments only", n);
      }
    } else if (startsTestArgument(n)) {
      args.add(parsePostfix(parsePrimary()));
    }
    return new Expr.Test(Pos.of(is), target, t.text(), args, negated);
  }

  private static boolean startsTestArgument(Token t) {
    return switch (t.kind()) {
      case STRING, INT, FLOAT -> true;
      case NAME -> !TEST_ARG_STOP.contains(t.text());
      case OP -> t.text().equals("[") || t.text().equals("{");
      default -> false;
    };
  }
}
