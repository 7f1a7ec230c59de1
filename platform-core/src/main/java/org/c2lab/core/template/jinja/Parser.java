package org.c2lab.core.template.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.c2lab.core.template.jinja.Expr.FilterCall;
import org.c2lab.core.template.jinja.Expr.Pos;
import org.c2lab.core.template.jinja.Stmt.AttrTarget;
import org.c2lab.core.template.jinja.Stmt.NameTarget;
import org.c2lab.core.template.jinja.Stmt.Target;
import org.c2lab.core.template.jinja.Stmt.TupleTarget;
import org.c2lab.core.template.jinja.Token.Kind;

/** Parses the token stream into statements: text, output tags and block tags. */
final class Parser extends ExprParser {
  private static final Set<String> UNSUPPORTED =
      Set.of("extends", "include", "import", "from", "block", "autoescape");

  private int loopDepth;

  private Parser(List<Token> tokens, String name) {
    super(tokens, name);
  }

  static List<Stmt> parse(List<Token> tokens, String name) {
    Parser p = new Parser(tokens, name);
    List<Stmt> body = p.parseBody(Set.of(), null);
    p.expectKind(Kind.EOF, "end of template");
    return body;
  }

  /**
   * Statements up to (not including) a block tag named in {@code ends}; {@code opener} is the tag
   * that must be closed, for the error message when the template ends first.
   */
  private List<Stmt> parseBody(Set<String> ends, Token opener) {
    List<Stmt> body = new ArrayList<>();
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case EOF -> {
          if (opener != null) {
            throw error(
                "unexpected end of template: '"
                    + opener.text()
                    + "' opened at line "
                    + opener.line()
                    + " is never closed (expected "
                    + String.join(" or ", ends.stream().sorted().toList())
                    + ")",
                t);
          }
          return body;
        }
        case TEXT -> body.add(new Stmt.Text(Pos.of(next()), (String) t.value()));
        case VAR_BEGIN -> {
          next();
          Expr expr = parseTuple(true, Set.of());
          expectKind(Kind.VAR_END, "'}}'");
          body.add(new Stmt.Output(Pos.of(t), expr));
        }
        case BLOCK_BEGIN -> {
          Token keyword = peek(1);
          if (keyword.kind() == Kind.NAME && ends.contains(keyword.text())) {
            return body;
          }
          next();
          body.add(parseStatement());
        }
        default -> throw error("unexpected " + t.describe(), t);
      }
    }
  }

  /** Consumes {@code {% name %}}. */
  private void endTag(String tag) {
    expectKind(Kind.BLOCK_BEGIN, "'{%'");
    Token t = next();
    if (!t.isName(tag)) {
      throw error("expected '" + tag + "', got " + t.describe(), t);
    }
    expectKind(Kind.BLOCK_END, "'%}'");
  }

  private Stmt parseStatement() {
    Token keyword = expectKind(Kind.NAME, "a statement name after '{%'");
    Pos pos = Pos.of(keyword);
    return switch (keyword.text()) {
      case "if" -> parseIf(keyword);
      case "for" -> parseFor(keyword);
      case "set" -> parseSet(keyword);
      case "macro" -> parseMacro(keyword);
      case "call" -> parseCallBlock(keyword);
      case "filter" -> parseFilterBlock(keyword);
      case "with" -> parseWith(keyword);
      case "generation" -> {
        expectKind(Kind.BLOCK_END, "'%}'");
        List<Stmt> body = parseBody(Set.of("endgeneration"), keyword);
        endTag("endgeneration");
        yield new Stmt.Scoped(pos, List.of(), List.of(), body);
      }
      case "do" -> {
        Expr expr = parseTuple(true, Set.of());
        expectKind(Kind.BLOCK_END, "'%}'");
        yield new Stmt.Do(pos, expr);
      }
      case "break", "continue" -> {
        if (loopDepth == 0) {
          throw error("'" + keyword.text() + "' outside of a loop", keyword);
        }
        expectKind(Kind.BLOCK_END, "'%}'");
        yield keyword.text().equals("break") ? new Stmt.Break(pos) : new Stmt.Continue(pos);
      }
      default -> throw unknownTag(keyword);
    };
  }

  private TemplateException unknownTag(Token keyword) {
    String tag = keyword.text();
    if (UNSUPPORTED.contains(tag)) {
      return error("'" + tag + "' is not supported in chat templates", keyword);
    }
    if (tag.startsWith("end") || tag.equals("else") || tag.equals("elif")) {
      return error("unexpected '" + tag + "': no matching block is open", keyword);
    }
    return error("unknown tag '" + tag + "'", keyword);
  }

  private Stmt parseIf(Token keyword) {
    List<Expr> conditions = new ArrayList<>();
    List<List<Stmt>> bodies = new ArrayList<>();
    List<Stmt> elseBody = List.of();
    conditions.add(parseTuple(true, Set.of()));
    expectKind(Kind.BLOCK_END, "'%}'");
    Set<String> ends = Set.of("elif", "else", "endif");
    bodies.add(parseBody(ends, keyword));
    while (true) {
      next();
      Token tag = next();
      if (tag.isName("elif")) {
        conditions.add(parseTuple(true, Set.of()));
        expectKind(Kind.BLOCK_END, "'%}'");
        bodies.add(parseBody(ends, keyword));
      } else if (tag.isName("else")) {
        expectKind(Kind.BLOCK_END, "'%}'");
        elseBody = parseBody(Set.of("endif"), keyword);
        endTag("endif");
        break;
      } else {
        expectKind(Kind.BLOCK_END, "'%}'");
        break;
      }
    }
    return new Stmt.If(Pos.of(keyword), conditions, bodies, elseBody);
  }

  private Stmt parseFor(Token keyword) {
    Target target = parseTarget(false, Set.of("in"));
    Token in = next();
    if (!in.isName("in")) {
      throw error("expected 'in' in for loop, got " + in.describe(), in);
    }
    Expr iterable = parseTuple(false, Set.of("recursive"));
    Expr filter = null;
    if (peek().isName("if")) {
      next();
      filter = parseExpression();
    }
    boolean recursive = false;
    if (peek().isName("recursive")) {
      next();
      recursive = true;
    }
    expectKind(Kind.BLOCK_END, "'%}'");
    loopDepth++;
    List<Stmt> body = parseBody(Set.of("endfor", "else"), keyword);
    loopDepth--;
    List<Stmt> elseBody = List.of();
    if (peek(1).isName("else")) {
      next();
      next();
      expectKind(Kind.BLOCK_END, "'%}'");
      elseBody = parseBody(Set.of("endfor"), keyword);
    }
    endTag("endfor");
    return new Stmt.For(Pos.of(keyword), target, iterable, filter, body, elseBody, recursive);
  }

  /** A loop variable or assignment target: {@code x}, {@code a, b}, {@code ns.attr}. */
  private Target parseTarget(boolean allowAttribute, Set<String> ends) {
    Token start = peek();
    List<Target> items = new ArrayList<>();
    boolean tuple = false;
    while (true) {
      items.add(parseSingleTarget(allowAttribute));
      if (!peek().isOp(",")) {
        break;
      }
      next();
      tuple = true;
      Token n = peek();
      if (n.isOp("=")
          || n.kind() == Kind.BLOCK_END
          || (n.kind() == Kind.NAME && ends.contains(n.text()))) {
        break;
      }
    }
    return tuple ? new TupleTarget(Pos.of(start), items) : items.get(0);
  }

  private Target parseSingleTarget(boolean allowAttribute) {
    Token t = next();
    if (t.isOp("(")) {
      Target inner = parseTarget(false, Set.of());
      expectOp(")");
      return inner;
    }
    if (t.kind() != Kind.NAME) {
      throw error("expected a variable name, got " + t.describe(), t);
    }
    if (allowAttribute && peek().isOp(".")) {
      next();
      return new AttrTarget(Pos.of(t), t.text(), expectName());
    }
    return new NameTarget(Pos.of(t), t.text());
  }

  private Stmt parseSet(Token keyword) {
    Target target = parseTarget(true, Set.of());
    if (peek().isOp("=")) {
      next();
      Expr value = parseTuple(true, Set.of());
      expectKind(Kind.BLOCK_END, "'%}'");
      return new Stmt.Set(Pos.of(keyword), target, value);
    }
    List<FilterCall> filters = new ArrayList<>();
    while (peek().isOp("|")) {
      next();
      filters.add(parseFilterCall());
    }
    expectKind(Kind.BLOCK_END, "'=' or '%}' after the set target");
    List<Stmt> body = parseBody(Set.of("endset"), keyword);
    endTag("endset");
    return new Stmt.SetBlock(Pos.of(keyword), target, filters, body);
  }

  /** Parameter list {@code (a, b=default)}; fills {@code params} and aligned {@code defaults}. */
  private void parseParams(List<String> params, List<Expr> defaults) {
    expectOp("(");
    while (!peek().isOp(")")) {
      if (!params.isEmpty()) {
        expectOp(",");
      }
      params.add(expectName());
      if (peek().isOp("=")) {
        next();
        defaults.add(parseExpression());
      } else {
        if (defaults.stream().anyMatch(d -> d != null)) {
          throw error("non-default argument follows default argument", peek());
        }
        defaults.add(null);
      }
    }
    expectOp(")");
  }

  private Stmt parseMacro(Token keyword) {
    String macroName = expectName();
    List<String> params = new ArrayList<>();
    List<Expr> defaults = new ArrayList<>();
    parseParams(params, defaults);
    expectKind(Kind.BLOCK_END, "'%}'");
    List<Stmt> body = parseCallableBody("endmacro", keyword);
    return new Stmt.Macro(Pos.of(keyword), macroName, params, defaults, body);
  }

  /** The body of a macro or call block, through its end tag: loops outside do not reach in. */
  private List<Stmt> parseCallableBody(String endTag, Token keyword) {
    int savedDepth = loopDepth;
    loopDepth = 0;
    List<Stmt> body = parseBody(Set.of(endTag), keyword);
    loopDepth = savedDepth;
    endTag(endTag);
    return body;
  }

  private Stmt parseCallBlock(Token keyword) {
    List<String> params = new ArrayList<>();
    List<Expr> defaults = new ArrayList<>();
    if (peek().isOp("(")) {
      parseParams(params, defaults);
    }
    Token at = peek();
    Expr call = parseExpression();
    if (!(call instanceof Expr.Call c)) {
      throw error("expected a macro call after 'call'", at);
    }
    expectKind(Kind.BLOCK_END, "'%}'");
    List<Stmt> body = parseCallableBody("endcall", keyword);
    return new Stmt.CallBlock(Pos.of(keyword), c, params, defaults, body);
  }

  private Stmt parseFilterBlock(Token keyword) {
    List<FilterCall> filters = new ArrayList<>();
    filters.add(parseFilterCall());
    while (peek().isOp("|")) {
      next();
      filters.add(parseFilterCall());
    }
    expectKind(Kind.BLOCK_END, "'%}'");
    List<Stmt> body = parseBody(Set.of("endfilter"), keyword);
    endTag("endfilter");
    return new Stmt.FilterBlock(Pos.of(keyword), filters, body);
  }

  private Stmt parseWith(Token keyword) {
    List<Target> targets = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (peek().kind() != Kind.BLOCK_END) {
      if (!targets.isEmpty()) {
        expectOp(",");
      }
      targets.add(parseSingleTarget(false));
      expectOp("=");
      values.add(parseExpression());
    }
    next();
    List<Stmt> body = parseBody(Set.of("endwith"), keyword);
    endTag("endwith");
    return new Stmt.Scoped(Pos.of(keyword), targets, values, body);
  }
}
