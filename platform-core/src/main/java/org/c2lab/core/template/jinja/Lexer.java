package org.c2lab.core.template.jinja;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c2lab.core.template.jinja.Token.Kind;

/**
 * Splits a template into text and tag tokens, applying Jinja2's whitespace control: {@code -}
 * modifiers, {@code trim_blocks}, {@code lstrip_blocks} and {@code +} to opt out of either.
 */
final class Lexer {
  private static final Pattern RAW_BEGIN = Pattern.compile("\\{%([-+]?)\\s*raw\\s*([-+]?)%}");
  private static final Pattern RAW_END = Pattern.compile("\\{%([-+]?)\\s*endraw\\s*([-+]?)%}");
  private static final String[] TWO_CHAR_OPS = {"//", "**", "==", "!=", "<=", ">="};
  private static final String ONE_CHAR_OPS = "+-*/%~()[]{},.:|=<>";

  private final String src;
  private final String name;
  private final TemplateOptions options;
  private final int[] lineStarts;
  private final List<Token> out = new ArrayList<>();
  private int pos;

  private Lexer(String src, String name, TemplateOptions options) {
    this.src = src;
    this.name = name;
    this.options = options;
    this.lineStarts = computeLineStarts(src);
  }

  /** Tokenizes {@code src} (newlines already normalized to {@code \n}). */
  static List<Token> tokenize(String src, String name, TemplateOptions options) {
    Lexer lexer = new Lexer(src, name, options);
    lexer.run();
    return lexer.out;
  }

  private static int[] computeLineStarts(String s) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private int lineOf(int offset) {
    int idx = Arrays.binarySearch(lineStarts, offset);
    return idx >= 0 ? idx + 1 : -idx - 1;
  }

  private Token token(Kind kind, String text, Object value, int offset) {
    int line = lineOf(offset);
    return new Token(kind, text, value, line, offset - lineStarts[line - 1] + 1);
  }

  private TemplateException error(String message, int offset) {
    Token at = token(Kind.EOF, "", null, offset);
    return new TemplateException(message, name, at.line(), at.column());
  }

  private void run() {
    int n = src.length();
    while (pos < n) {
      int start = nextTagStart(pos);
      if (start < 0) {
        emitText(src.substring(pos), pos);
        pos = n;
        break;
      }
      char kind = src.charAt(start + 1);
      char mod = start + 2 < n ? src.charAt(start + 2) : 0;
      boolean isBlockLike = kind != '{';
      String text = src.substring(pos, start);
      if (mod == '-') {
        text = Strings.rstrip(text, null);
      } else if (mod != '+' && isBlockLike && options.lstripBlocks()) {
        text = lstripBlockText(text, pos);
      }
      emitText(text, pos);
      boolean hasMod = mod == '-' || (mod == '+' && isBlockLike);
      int bodyStart = start + 2 + (hasMod ? 1 : 0);
      if (kind == '#') {
        lexComment(start, bodyStart);
      } else if (kind == '%' && lexRaw(start)) {
        continue;
      } else {
        lexTag(start, bodyStart, kind == '%');
      }
    }
    out.add(token(Kind.EOF, "", null, n));
  }

  private int nextTagStart(int from) {
    int i = src.indexOf('{', from);
    while (i >= 0 && i + 1 < src.length()) {
      char c = src.charAt(i + 1);
      if (c == '{' || c == '%' || c == '#') {
        return i;
      }
      i = src.indexOf('{', i + 1);
    }
    return -1;
  }

  /** lstrip_blocks: drop spaces and tabs between the start of the line and a block tag. */
  private String lstripBlockText(String text, int textStart) {
    int nl = text.lastIndexOf('\n');
    boolean lineStart = nl >= 0 || textStart == 0 || src.charAt(textStart - 1) == '\n';
    if (!lineStart) {
      return text;
    }
    for (int i = nl + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return text;
      }
    }
    return text.substring(0, nl + 1);
  }

  private void emitText(String text, int offset) {
    if (!text.isEmpty()) {
      out.add(token(Kind.TEXT, text, text, offset));
    }
  }

  /** After a tag ends at {@code pos}: a {@code -} eats all whitespace, trim_blocks one newline. */
  private void afterTag(boolean dash, boolean plus, boolean isBlock) {
    if (dash) {
      while (pos < src.length() && Strings.isSpace(src.charAt(pos))) {
        pos++;
      }
    } else if (isBlock && !plus && options.trimBlocks() && pos < src.length()) {
      if (src.charAt(pos) == '\n') {
        pos++;
      }
    }
  }

  private void lexComment(int start, int bodyStart) {
    int end = src.indexOf("#}", bodyStart);
    if (end < 0) {
      throw error("unclosed comment: missing '#}'", start);
    }
    boolean dash = end > bodyStart && src.charAt(end - 1) == '-';
    boolean plus = end > bodyStart && src.charAt(end - 1) == '+';
    pos = end + 2;
    afterTag(dash, plus, true);
  }

  private boolean lexRaw(int start) {
    Matcher begin = RAW_BEGIN.matcher(src).region(start, src.length());
    if (!begin.lookingAt()) {
      return false;
    }
    pos = begin.end();
    // Jinja2 applies trim_blocks after {% endraw %} but not after {% raw %}.
    afterTag("-".equals(begin.group(2)), true, true);
    Matcher end = RAW_END.matcher(src);
    if (!end.find(pos)) {
      throw error("unclosed raw block: missing '{% endraw %}'", start);
    }
    String body = src.substring(pos, end.start());
    if ("-".equals(end.group(1))) {
      body = Strings.rstrip(body, null);
    } else if (!"+".equals(end.group(1)) && options.lstripBlocks()) {
      body = lstripBlockText(body, pos);
    }
    emitText(body, pos);
    pos = end.end();
    afterTag("-".equals(end.group(2)), "+".equals(end.group(2)), true);
    return true;
  }

  private void lexTag(int start, int bodyStart, boolean isBlock) {
    out.add(token(isBlock ? Kind.BLOCK_BEGIN : Kind.VAR_BEGIN, isBlock ? "{%" : "{{", null, start));
    String close = isBlock ? "%}" : "}}";
    int p = bodyStart;
    int depth = 0;
    while (true) {
      while (p < src.length() && Strings.isSpace(src.charAt(p))) {
        p++;
      }
      if (p >= src.length()) {
        throw error("unclosed tag: missing '" + close + "'", start);
      }
      if (depth == 0) {
        boolean dash = src.startsWith("-" + close, p);
        boolean plus = isBlock && src.startsWith("+" + close, p);
        if (dash || plus || src.startsWith(close, p)) {
          out.add(token(isBlock ? Kind.BLOCK_END : Kind.VAR_END, close, null, p));
          pos = p + close.length() + (dash || plus ? 1 : 0);
          afterTag(dash, plus, isBlock);
          return;
        }
      }
      char c = src.charAt(p);
      if (Character.isLetter(c) || c == '_') {
        int s = p;
        while (p < src.length()
            && (Character.isLetterOrDigit(src.charAt(p)) || src.charAt(p) == '_')) {
          p++;
        }
        out.add(token(Kind.NAME, src.substring(s, p), null, s));
      } else if (c >= '0' && c <= '9') {
        p = lexNumber(p);
      } else if (c == '\'' || c == '"') {
        p = lexString(p);
      } else {
        String op = operatorAt(p);
        if (op == null) {
          throw error("unexpected character '" + c + "' in tag", p);
        }
        if ("([{".contains(op)) {
          depth++;
        } else if (")]}".contains(op)) {
          depth = Math.max(0, depth - 1);
        }
        out.add(token(Kind.OP, op, null, p));
        p += op.length();
      }
    }
  }

  private String operatorAt(int p) {
    for (String op : TWO_CHAR_OPS) {
      if (src.startsWith(op, p)) {
        return op;
      }
    }
    char c = src.charAt(p);
    return ONE_CHAR_OPS.indexOf(c) >= 0 ? String.valueOf(c) : null;
  }

  private int lexNumber(int start) {
    int p = start;
    while (p < src.length() && (Character.isDigit(src.charAt(p)) || src.charAt(p) == '_')) {
      p++;
    }
    boolean isFloat = false;
    if (p + 1 < src.length() && src.charAt(p) == '.' && Character.isDigit(src.charAt(p + 1))) {
      isFloat = true;
      p++;
      while (p < src.length() && (Character.isDigit(src.charAt(p)) || src.charAt(p) == '_')) {
        p++;
      }
    }
    if (p < src.length() && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
      int q = p + 1;
      if (q < src.length() && (src.charAt(q) == '+' || src.charAt(q) == '-')) {
        q++;
      }
      if (q < src.length() && Character.isDigit(src.charAt(q))) {
        isFloat = true;
        p = q;
        while (p < src.length() && Character.isDigit(src.charAt(p))) {
          p++;
        }
      }
    }
    String text = src.substring(start, p);
    String digits = text.replace("_", "");
    try {
      Object value =
          isFloat ? (Object) Double.parseDouble(digits) : (Object) Long.parseLong(digits);
      out.add(token(isFloat ? Kind.FLOAT : Kind.INT, text, value, start));
    } catch (NumberFormatException e) {
      throw error("invalid number literal '" + text + "'", start);
    }
    return p;
  }

  private int lexString(int start) {
    char quote = src.charAt(start);
    int p = start + 1;
    while (p < src.length() && src.charAt(p) != quote) {
      p += src.charAt(p) == '\\' ? 2 : 1;
    }
    if (p >= src.length()) {
      throw error("unterminated string literal", start);
    }
    String raw = src.substring(start + 1, p);
    String value;
    try {
      value = unescape(raw);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), start);
    }
    out.add(token(Kind.STRING, src.substring(start, p + 1), value, start));
    return p + 1;
  }

  /** Python's {@code unicode-escape} decoding, as Jinja2 applies it to string literals. */
  static String unescape(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= raw.length()) {
        sb.append(c);
        continue;
      }
      char e = raw.charAt(++i);
      switch (e) {
        case '\n' -> {}
        case '\\', '\'', '"' -> sb.append(e);
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\u000b');
        case 'x' -> i = appendHex(raw, i, 2, sb);
        case 'u' -> i = appendHex(raw, i, 4, sb);
        case 'U' -> i = appendHex(raw, i, 8, sb);
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < raw.length()
                && end < i + 3
                && raw.charAt(end) >= '0'
                && raw.charAt(end) <= '7') {
              end++;
            }
            sb.appendCodePoint(Integer.parseInt(raw.substring(i, end), 8));
            i = end - 1;
          } else {
            sb.append('\\').append(e);
          }
        }
      }
    }
    return sb.toString();
  }

  private static int appendHex(String raw, int at, int digits, StringBuilder sb) {
    int end = at + 1 + digits;
    if (end > raw.length()) {
      throw new IllegalArgumentException("truncated \\" + raw.charAt(at) + " escape in string");
    }
    try {
      sb.appendCodePoint(Integer.parseInt(raw.substring(at + 1, end), 16));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid \\" + raw.charAt(at) + " escape in string");
    }
    return end - 1;
  }
}
