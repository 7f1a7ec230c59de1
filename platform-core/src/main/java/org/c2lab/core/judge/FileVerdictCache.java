package org.c2lab.core.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A verdict cache kept in one JSON Lines file, shared by every run that points at it: a repeated or
 * resumed evaluation, or another model judged by the same LLM judge on the same paths, does not pay
 * for a verdict twice. Keys already carry the judge's identity and settings ({@link
 * CachingJudge#cacheKey}), so one file serves every judge.
 *
 * <p>Each {@link #put} appends one line under an exclusive file lock and forces it to disk, so
 * several processes (the lab server runs evaluations side by side) can share the file. A process
 * sees other processes' verdicts from when it opens the file. A line cut short by a crash, or one
 * that does not parse, is skipped on reading: a lost verdict costs one judge call, never a wrong
 * answer.
 */
public final class FileVerdictCache implements VerdictCache {
  /** The file name inside the cache directory. */
  public static final String FILE_NAME = "verdicts.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
  private int skippedLines;

  private FileVerdictCache(Path file) {
    this.file = file;
  }

  /**
   * Opens (creating if need be) the cache in {@code directory} and reads what it holds.
   *
   * @throws UncheckedIOException if the directory cannot be created or the file read
   */
  public static FileVerdictCache open(Path directory) {
    Objects.requireNonNull(directory, "directory");
    FileVerdictCache cache = new FileVerdictCache(directory.resolve(FILE_NAME));
    try {
      Files.createDirectories(directory);
      if (Files.exists(cache.file)) {
        cache.load();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("verdict cache " + cache.file + ": " + e.getMessage(), e);
    }
    return cache;
  }

  private void load() throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode n = JSON.readTree(line);
          verdicts.put(n.get("key").asText(), fromJson(n));
        } catch (IOException | RuntimeException e) {
          skippedLines++;
        }
      }
    }
  }

  @Override
  public Optional<Verdict> get(String key) {
    return Optional.ofNullable(verdicts.get(key));
  }

  @Override
  public void put(String key, Verdict verdict) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(verdict, "verdict");
    byte[] line = (toJson(key, verdict) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try (FileChannel out =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = out.lock()) {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(false);
      } catch (IOException e) {
        throw new UncheckedIOException("verdict cache " + file + ": " + e.getMessage(), e);
      }
    }
    verdicts.put(key, verdict);
  }

  /** Verdicts held. */
  public int size() {
    return verdicts.size();
  }

  /** Lines of the file that could not be read when it was opened (e.g. cut by a crash). */
  public int skippedLines() {
    return skippedLines;
  }

  /** The cache file. */
  public Path file() {
    return file;
  }

  private static String toJson(String key, Verdict v) {
    ObjectNode n = JSON.createObjectNode();
    n.put("key", key);
    n.put("corrected", v.corrected());
    if (v.hasConfidence()) {
      n.put("confidence", v.confidence());
    }
    n.put("rationale", v.rationale());
    n.put("judge", v.judgeId());
    n.put("raw", v.rawOutput());
    return n.toString();
  }

  private static Verdict fromJson(JsonNode n) {
    JsonNode confidence = n.get("confidence");
    return new Verdict(
        n.get("corrected").asBoolean(),
        confidence == null || confidence.isNull() ? Double.NaN : confidence.asDouble(),
        textOrNull(n.get("rationale")),
        n.get("judge").asText(),
        textOrNull(n.get("raw")));
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
