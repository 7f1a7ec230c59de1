package org.c2lab.eval.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.c2lab.core.data.MalformedDataException;

/**
 * An append-only JSON Lines file written in units of a fixed number of lines: the b paths of one
 * C2-Eval (request, k), or one line per processed C2-Syn request. It is its own checkpoint: the
 * units in the file are the units done.
 *
 * <p>A unit is appended in one write and forced to disk, but a killed process can still leave a
 * torn last line, or part of a unit when the operating system split the write. {@link #open}
 * therefore keeps only whole units: it cuts the file back to the end of the last complete unit and
 * reports how many units are done and the key of the last one, so a job resumes exactly there.
 *
 * <p>Lines of a unit are contiguous and share a unit key. Damage that a crash cannot cause (a
 * newline-terminated line that is not a JSON object, a unit in the middle with the wrong number of
 * lines) is refused with {@code file:line: field: problem} instead of being repaired silently. Not
 * thread-safe; one writer per file.
 */
public final class UnitLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Field name used in errors about a unit's size rather than a JSON field. */
  public static final String UNIT_FIELD = "<unit>";

  private final Path file;
  private final int linesPerUnit;
  private final Function<JsonNode, String> unitKey;
  private long units;
  private String lastUnitKey;
  private long droppedBytes;

  private UnitLog(Path file, int linesPerUnit, Function<JsonNode, String> unitKey) {
    this.file = Objects.requireNonNull(file, "file");
    if (linesPerUnit < 1) {
      throw new IllegalArgumentException("linesPerUnit must be >= 1, got " + linesPerUnit);
    }
    this.linesPerUnit = linesPerUnit;
    this.unitKey = Objects.requireNonNull(unitKey, "unitKey");
  }

  /**
   * Opens {@code file} (created when absent), cutting off a torn last line and a trailing partial
   * unit.
   *
   * @param linesPerUnit lines every unit has
   * @param unitKey the unit a line belongs to; may throw {@link IllegalArgumentException} for a
   *     line that lacks the fields, which is reported with the line number
   * @throws MalformedDataException when the file is damaged in a way a crash cannot explain
   */
  public static UnitLog open(Path file, int linesPerUnit, Function<JsonNode, String> unitKey)
      throws IOException {
    UnitLog log = new UnitLog(file, linesPerUnit, unitKey);
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    long size = Files.size(file);
    long keep = log.scan(Long.MAX_VALUE);
    log.droppedBytes = size - keep;
    truncate(file, keep);
    return log;
  }

  /** The log's file. */
  public Path file() {
    return file;
  }

  /** Complete units in the file. */
  public long units() {
    return units;
  }

  /** The key of the last complete unit, empty when there is none. */
  public Optional<String> lastUnitKey() {
    return Optional.ofNullable(lastUnitKey);
  }

  /** Bytes {@link #open} cut off (a torn line, a partial unit); 0 after a clean stop. */
  public long droppedBytes() {
    return droppedBytes;
  }

  /**
   * Appends whole units in one write and forces them to disk.
   *
   * @param lines JSON objects without line breaks, a multiple of linesPerUnit, units contiguous
   */
  public void append(List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    if (lines.size() % linesPerUnit != 0) {
      throw new IllegalArgumentException(
          "append whole units: " + lines.size() + " lines, " + linesPerUnit + " per unit");
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a JSON line must not contain line breaks");
      }
      sb.append(line).append('\n');
    }
    String last = unitKey.apply(parse(lines.get(lines.size() - 1), units * linesPerUnit + 1));
    ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
      while (bytes.hasRemaining()) {
        ch.write(bytes);
      }
      ch.force(false);
    }
    units += lines.size() / linesPerUnit;
    lastUnitKey = last;
  }

  /** Cuts the log back to its first {@code keepUnits} units (no-op when it has no more). */
  public void truncateToUnits(long keepUnits) throws IOException {
    if (keepUnits < 0) {
      throw new IllegalArgumentException("keepUnits must be >= 0, got " + keepUnits);
    }
    if (keepUnits < units) {
      truncate(file, scan(keepUnits));
    }
  }

  /** Calls {@code consumer} with every line of the log, in order, as a JSON object. */
  public void forEach(Consumer<JsonNode> consumer) throws IOException {
    try (LineScanner lines = new LineScanner(file)) {
      while (lines.next()) {
        consumer.accept(parse(lines.text(), lines.number()));
      }
    }
  }

  /**
   * Keeps the first {@code lines} complete lines of {@code file} and cuts off the rest, a torn tail
   * included; for outputs whose line count is known from another log.
   *
   * @return the lines kept: {@code lines}, or fewer when the file has fewer complete lines
   */
  public static long keepFirstLines(Path file, long lines) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    long kept = 0;
    long end = 0;
    try (LineScanner scanner = new LineScanner(file)) {
      while (kept < lines && scanner.next() && scanner.terminated()) {
        kept++;
        end = scanner.endOffset();
      }
    }
    truncate(file, end);
    return kept;
  }

  /**
   * Reads units from the start, up to {@code maxUnits}, setting the unit count and last key.
   *
   * @return the byte offset just after the last complete unit read
   */
  private long scan(long maxUnits) throws IOException {
    units = 0;
    lastUnitKey = null;
    long keep = 0;
    String current = null;
    int inCurrent = 0;
    String name = file.getFileName().toString();
    try (LineScanner lines = new LineScanner(file)) {
      while (units < maxUnits && lines.next() && lines.terminated()) {
        String key = keyOf(parse(lines.text(), lines.number()), lines.number());
        if (!key.equals(current)) {
          if (inCurrent != 0) {
            throw new MalformedDataException(
                name,
                lines.number(),
                UNIT_FIELD,
                "unit " + current + " has " + inCurrent + " lines, expected " + linesPerUnit,
                null);
          }
          current = key;
        }
        inCurrent++;
        if (inCurrent == linesPerUnit) {
          units++;
          lastUnitKey = current;
          keep = lines.endOffset();
          inCurrent = 0;
          current = null;
        }
      }
    }
    return keep; // a trailing partial unit lies after keep and is cut off by the caller
  }

  private String keyOf(JsonNode node, long line) {
    try {
      return Objects.requireNonNull(unitKey.apply(node), "unit key");
    } catch (IllegalArgumentException e) {
      throw new MalformedDataException(
          file.getFileName().toString(), line, UNIT_FIELD, e.getMessage(), e);
    }
  }

  private JsonNode parse(String text, long line) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new MalformedDataException(
            file.getFileName().toString(),
            line,
            MalformedDataException.JSON,
            "expected JSON object",
            null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedDataException(
          file.getFileName().toString(),
          line,
          MalformedDataException.JSON,
          "invalid JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (ch.size() > size) {
        ch.truncate(size);
        ch.force(false);
      }
    }
  }
}
