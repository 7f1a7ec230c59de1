package org.c2lab.core.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The protocol's constants as shipped under {@code org/c2lab/core/protocol/}, and readers for
 * replacement files in the same formats.
 *
 * <p>List files: one entry per line, trimmed; blank lines and lines starting with {@code #} (the
 * attribution header) are ignored. Property files: Java properties, every key required.
 */
public final class ProtocolResources {
  private ProtocolResources() {}

  /** The 15 force-begin phrases ({@code force-begin-phrases.txt}). */
  public static List<String> forceBeginPhrases() {
    return list("force-begin-phrases.txt");
  }

  /** The 15 corrective triggers ({@code corrective-triggers.txt}). */
  public static List<String> correctiveTriggers() {
    return list("corrective-triggers.txt");
  }

  /**
   * The keyword detector's substrings ({@code keyword-detector.txt}), for the keyword baseline
   * judge: a continuation containing any of them (case-sensitive) counts as corrected.
   */
  public static List<String> keywordDetectorPhrases() {
    return list("keyword-detector.txt");
  }

  /** The C2-Eval prefix lengths 10, 20, ..., 80 ({@code k-values.txt}). */
  public static List<Integer> kValues() {
    return parseInts(list("k-values.txt"), "k-values.txt");
  }

  /** The C2-Syn punctuation characters, concatenated ({@code syn-punctuation.txt}). */
  public static String synPunctuation() {
    return joinChars(list("syn-punctuation.txt"), "syn-punctuation.txt");
  }

  /** Temperature 0.8, top-p 0.7, 32 new tokens ({@code decoding.properties}). */
  public static DecodingDefaults decodingDefaults() {
    return DecodingDefaults.fromProperties(
        properties("decoding.properties"), "decoding.properties");
  }

  /** The C2-Syn request filter settings ({@code syn-filter.properties}). */
  public static SynFilterSettings synFilterSettings() {
    return SynFilterSettings.fromProperties(
        properties("syn-filter.properties"), "syn-filter.properties");
  }

  /** Reads a list file in the shipped format (e.g. a replacement phrase list). */
  public static List<String> readList(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parseList(r);
    }
  }

  /** Reads a list file of integers in the shipped format (e.g. replacement k values). */
  public static List<Integer> readInts(Path file) throws IOException {
    return parseInts(readList(file), file.getFileName().toString());
  }

  /** Reads a list file of single characters and concatenates them (replacement punctuation). */
  public static String readChars(Path file) throws IOException {
    return joinChars(readList(file), file.getFileName().toString());
  }

  /** Reads a properties file (e.g. replacement decoding defaults). */
  public static Properties readProperties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  private static List<String> list(String name) {
    try (Reader r = resource(name)) {
      return parseList(r);
    } catch (IOException e) {
      throw new UncheckedIOException("reading resource " + name, e);
    }
  }

  private static Properties properties(String name) {
    Properties p = new Properties();
    try (Reader r = resource(name)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("reading resource " + name, e);
    }
    return p;
  }

  private static Reader resource(String name) {
    InputStream in = ProtocolResources.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource org/c2lab/core/protocol/" + name);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static List<String> parseList(Reader r) throws IOException {
    List<String> out = new ArrayList<>();
    BufferedReader br = new BufferedReader(r);
    for (String line; (line = br.readLine()) != null; ) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  private static List<Integer> parseInts(List<String> entries, String source) {
    List<Integer> out = new ArrayList<>();
    for (String e : entries) {
      try {
        out.add(Integer.parseInt(e));
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(source + ": expected an integer, got \"" + e + "\"");
      }
    }
    return List.copyOf(out);
  }

  private static String joinChars(List<String> entries, String source) {
    StringBuilder sb = new StringBuilder();
    for (String e : entries) {
      if (e.length() != 1) {
        throw new IllegalArgumentException(
            source + ": expected one character per line, got \"" + e + "\"");
      }
      sb.append(e);
    }
    return sb.toString();
  }

  static String require(Properties p, String key, String source) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(source + ": " + key + ": missing");
    }
    return v.strip();
  }

  static List<String> requireList(Properties p, String key, String source) {
    return Arrays.stream(require(p, key, source).split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
