package org.c2lab.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes preference pairs as JSON Lines in TRL's format: {@code {"prompt", "chosen", "rejected"}}
 * first, then the metadata that is known ({@code request_id, chosen_rank, rejected_rank,
 * cut_positions}). UTF-8, non-ASCII unescaped, one pair per line, flushed after every line so that
 * a killed job leaves at most one partial line.
 *
 * <p>{@link #append} continues an existing file for resumed jobs; it first cuts off a trailing
 * partial line (bytes after the last newline), which only a killed write can leave, so that the
 * file stays valid JSON Lines.
 */
public final class PreferencePairWriter implements Closeable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final BufferedWriter out;
  private long written;

  private PreferencePairWriter(BufferedWriter out) {
    this.out = out;
  }

  /** Creates {@code file}, replacing any existing content. */
  public static PreferencePairWriter create(Path file) throws IOException {
    return new PreferencePairWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  /** Opens {@code file} for appending (creating it if absent), after dropping a partial line. */
  public static PreferencePairWriter append(Path file) throws IOException {
    if (Files.exists(file)) {
      dropPartialLastLine(file);
    }
    return new PreferencePairWriter(
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  /** Writes one pair as one line and flushes it to the file. */
  public void write(PreferencePair pair) throws IOException {
    out.write(toJson(pair));
    out.write('\n');
    out.flush();
    written++;
  }

  /** Pairs written through this writer (not counting lines already in an appended file). */
  public long written() {
    return written;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** The JSON object of one pair, on one line. */
  public static String toJson(PreferencePair pair) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("prompt", pair.prompt());
    o.put("chosen", pair.chosen());
    o.put("rejected", pair.rejected());
    if (pair.requestId() != null) {
      o.put("request_id", pair.requestId());
    }
    if (pair.ranked()) {
      o.put("chosen_rank", pair.chosenRank());
      o.put("rejected_rank", pair.rejectedRank());
    }
    if (!pair.cutPositions().isEmpty()) {
      ArrayNode cuts = o.putArray("cut_positions");
      pair.cutPositions().forEach(cuts::add);
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // cannot happen for a tree of strings and ints
    }
  }

  private static void dropPartialLastLine(Path file) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = ch.size();
      ByteBuffer buf = ByteBuffer.allocate(8192);
      for (long pos = end; pos > 0; ) {
        int len = (int) Math.min(buf.capacity(), pos);
        pos -= len;
        buf.clear().limit(len);
        while (buf.hasRemaining()) {
          if (ch.read(buf, pos + buf.position()) < 0) {
            throw new IOException(file + " shrank while being read");
          }
        }
        for (int i = len - 1; i >= 0; i--) {
          if (buf.get(i) == '\n') {
            ch.truncate(pos + i + 1); // no-op when the file already ends with a newline
            return;
          }
        }
      }
      ch.truncate(0); // a single partial line and nothing else
    }
  }
}
