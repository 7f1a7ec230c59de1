package org.c2lab.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Records decoded one by one from a JSON Lines file: constant memory, single use, the file's
 * SHA-256 computed from the very bytes that were parsed. Close it (try-with-resources) when not
 * reading to the end; reaching the end closes the file by itself.
 *
 * <p>Lines are split as Java's {@link BufferedReader#readLine()} and Python's text mode do ({@code
 * \n}, {@code \r\n} or {@code \r}); line numbers are 1-based. A UTF-8 byte-order mark is ignored;
 * invalid UTF-8 is replaced by U+FFFD. Whitespace-only lines are skipped as {@code "blank line"}. A
 * line that is not one JSON object, or has a bad field, is malformed: strict mode throws {@link
 * MalformedDataException} from {@link #hasNext()}, lenient mode skips and counts it and keeps the
 * first few messages.
 *
 * @param <T> the record type
 */
public final class RecordStream<T> implements Iterator<T>, AutoCloseable {
  /** The reason recorded for whitespace-only lines. */
  public static final String BLANK_LINE = "blank line";

  private static final ObjectReader JSON =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Turns one JSON object into a record, or null (after {@link Skips#skip}) to skip the line. */
  @FunctionalInterface
  interface Decoder<T> {
    T decode(JsonNode object, String file, long line, Skips skips);
  }

  /** Counts well-formed lines that are not handed out. */
  static final class Skips {
    private final Map<String, Long> counts = new LinkedHashMap<>();

    /** Counts one line skipped for {@code reason}. */
    void skip(String reason) {
      counts.merge(reason, 1L, Long::sum);
    }
  }

  private final String file;
  private final boolean lenient;
  private final int maxErrorsKept;
  private final Decoder<T> decoder;
  private final MessageDigest digest;
  private final BufferedReader reader;
  private final Skips skips = new Skips();
  private final List<String> firstErrors = new ArrayList<>();
  private long lines;
  private long records;
  private long malformed;
  private String sha256;
  private boolean closed;
  private T next;

  RecordStream(Path path, boolean lenient, int maxErrorsKept, Decoder<T> decoder)
      throws IOException {
    this.file = path.getFileName().toString();
    this.lenient = lenient;
    this.maxErrorsKept = maxErrorsKept;
    this.decoder = decoder;
    this.digest = sha256();
    this.reader =
        new BufferedReader(
            new InputStreamReader(
                new DigestInputStream(Files.newInputStream(path), digest), StandardCharsets.UTF_8),
            1 << 16);
  }

  @Override
  public boolean hasNext() {
    while (next == null && !closed) {
      String text = readLine();
      if (text == null) {
        sha256 = HexFormat.of().formatHex(digest.digest());
        close();
        break;
      }
      lines++;
      if (lines == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        skips.skip(BLANK_LINE);
        continue;
      }
      next = decodeLine(text);
    }
    return next != null;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T out = next;
    next = null;
    records++;
    return out;
  }

  /** The remaining records as a sequential stream; closing the stream closes this. */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** Counts so far; complete (with the SHA-256) once the end of the file was reached. */
  public ReadSummary summary() {
    return new ReadSummary(file, lines, records, malformed, firstErrors, skips.counts, sha256);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private String readLine() {
    try {
      return reader.readLine();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(file + ":" + (lines + 1) + ": read failed", e);
    }
  }

  private T decodeLine(String text) {
    try {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        throw new MalformedDataException(
            file, lines, MalformedDataException.JSON, "invalid JSON at column " + column, e);
      }
      if (!node.isObject()) {
        throw new MalformedDataException(
            file,
            lines,
            MalformedDataException.JSON,
            "expected JSON object, got " + JsonFields.kind(node),
            null);
      }
      try {
        return decoder.decode(node, file, lines, skips);
      } catch (JsonFields.Problem p) {
        throw new MalformedDataException(file, lines, p.field, p.problem, null);
      }
    } catch (MalformedDataException e) {
      if (!lenient) {
        close();
        throw e;
      }
      malformed++;
      if (firstErrors.size() < maxErrorsKept) {
        firstErrors.add(e.getMessage());
      }
      return null;
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
