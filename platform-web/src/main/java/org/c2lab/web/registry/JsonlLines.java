package org.c2lab.web.registry;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The non-blank lines of a JSON Lines file with their byte offsets and line numbers, read from any
 * offset: what the row browser and its index need. Lines end at {@code \n}; a trailing {@code \r}
 * and a leading UTF-8 byte-order mark are dropped; invalid UTF-8 becomes U+FFFD. Constant memory
 * apart from the longest line.
 */
final class JsonlLines implements AutoCloseable {
  /** A non-blank line. */
  record Line(long number, long offset, String text) {}

  private final InputStream in;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private long position;
  private long lineNumber;

  /**
   * @param offset byte offset of a line start
   * @param lineNumber the 1-based number of the line starting there
   */
  JsonlLines(Path file, long offset, long lineNumber) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    channel.position(offset);
    this.in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
    this.position = offset;
    this.lineNumber = lineNumber - 1;
  }

  /** The next non-blank line, or null at the end of the file. */
  Line next() throws IOException {
    while (true) {
      long start = position;
      buffer.reset();
      int b;
      boolean any = false;
      while ((b = in.read()) >= 0) {
        any = true;
        position++;
        if (b == '\n') {
          break;
        }
        buffer.write(b);
      }
      if (!any) {
        return null;
      }
      lineNumber++;
      String text = buffer.toString(StandardCharsets.UTF_8);
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      if (start == 0 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (!text.isBlank()) {
        return new Line(lineNumber, start, text);
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
