package org.c2lab.eval.checkpoint;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file line by line with the byte offset where each line ends, so that a log can be cut
 * back to a line boundary. Only {@code \n} ends a line (our logs never write {@code \r}).
 */
final class LineScanner implements Closeable {
  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
  private long offset;
  private long number;
  private String text;
  private boolean terminated;

  LineScanner(Path file) throws IOException {
    this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }

  /** Advances to the next line; false at the end of the file. */
  boolean next() throws IOException {
    line.reset();
    for (int b = in.read(); b >= 0; b = in.read()) {
      offset++;
      if (b == '\n') {
        return emit(true);
      }
      line.write(b);
    }
    return line.size() > 0 && emit(false);
  }

  private boolean emit(boolean newline) {
    number++;
    text = line.toString(StandardCharsets.UTF_8);
    terminated = newline;
    return true;
  }

  /** The current line without its newline. */
  String text() {
    return text;
  }

  /** 1-based number of the current line. */
  long number() {
    return number;
  }

  /** Whether the current line ends with a newline; a line without one is a torn write. */
  boolean terminated() {
    return terminated;
  }

  /** Bytes from the start of the file to the end of the current line (newline included). */
  long endOffset() {
    return offset;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
