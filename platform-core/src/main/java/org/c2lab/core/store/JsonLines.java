package org.c2lab.core.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Append-only JSON Lines files that survive a crash mid-write: a line counts only once its newline
 * is on disk. Readers stop at the last newline; the next append first cuts off a torn tail.
 */
final class JsonLines {
  private static final int BLOCK = 8192;

  private JsonLines() {}

  /** Appends lines (each without newline) in one write, after cutting off any torn tail. */
  static void append(Path file, List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a JSON line must not contain line breaks");
      }
      sb.append(line).append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long valid = validLength(ch);
      ch.truncate(valid);
      ch.position(valid);
      while (bytes.hasRemaining()) {
        ch.write(bytes);
      }
    }
  }

  /** Calls {@code consumer} with each complete line, in order; nothing if the file is absent. */
  static void forEach(Path file, Consumer<String> consumer) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long valid = validLength(ch);
      ch.position(0);
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
      long consumed = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        consumed += line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (consumed > valid) {
          break; // the torn tail after the last newline
        }
        consumer.accept(line);
      }
    }
  }

  /** Length up to and including the last newline: the part of the file that is whole. */
  private static long validLength(FileChannel ch) throws IOException {
    long end = ch.size();
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    while (end > 0) {
      long start = Math.max(0, end - BLOCK);
      block.clear().limit((int) (end - start));
      while (block.hasRemaining() && ch.read(block, start + block.position()) > 0) {
        // positional reads may return fewer bytes than asked
      }
      for (int i = block.position() - 1; i >= 0; i--) {
        if (block.get(i) == '\n') {
          return start + i + 1;
        }
      }
      end = start;
    }
    return 0;
  }
}
