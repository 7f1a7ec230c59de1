package org.c2lab.web.registry;

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
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPos;
  private int chunkLen;
  private long position;
  private long lineNumber;

  /**
   * @param offset byte offset of a line start
   * @param lineNumber the 1-based number of the line starting there
   */
  JsonlLines(Path file, long offset, long lineNumber) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    channel.position(offset);
    this.in = Channels.newInputStream(channel);
    this.position = offset;
    this.lineNumber = lineNumber - 1;
  }

  /** The next non-blank line, or null at the end of the file. */
  Line next() throws IOException {
    while (true) {
      long start = position;
      buffer.reset();
      boolean any = false;
      boolean newline = false;
      // Scans a chunk at a time (a byte at a time through BufferedInputStream.read() and
      // ByteArrayOutputStream.write(int), both synchronized, was most of a search's CPU time).
      while (!newline) {
        if (chunkPos == chunkLen) {
          int n = in.read(chunk);
          if (n < 0) {
            chunkPos = 0;
            chunkLen = 0;
            break;
          }
          chunkPos = 0;
          chunkLen = n;
          continue;
        }
        any = true;
        int i = chunkPos;
        while (i < chunkLen && chunk[i] != '\n') {
          i++;
        }
        buffer.write(chunk, chunkPos, i - chunkPos);
        position += i - chunkPos;
        if (i < chunkLen) {
          position++; // the newline
          newline = true;
          i++;
        }
        chunkPos = i;
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
