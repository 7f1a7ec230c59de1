package org.c2lab.web.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.c2lab.core.data.MalformedDataException;
import org.c2lab.core.data.PkuSafeRlhfReader;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.PreferencePairReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.train.sft.SftExampleReader;

/**
 * The dataset formats the platform reads, detected from a file's first row and validated with the
 * platform's strict readers (the first malformed line fails with {@code file:line: field:
 * problem}).
 */
public enum DatasetFormat {
  /** PKU-SafeRLHF rows: {@code prompt, response_0, response_1, is_response_0_safe, ...}. */
  PKU_SAFERLHF("pku-saferlhf"),
  /** TRL preference pairs {@code prompt, chosen, rejected}, with C2-Syn's metadata when present. */
  PREFERENCE_PAIRS("preference-pairs"),
  /** Supervised fine-tuning rows {@code prompt, response}. */
  SFT("sft");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;

  DatasetFormat(String id) {
    this.id = id;
  }

  /** The name the API uses. */
  public String id() {
    return id;
  }

  /** The format a file's rows have, judged from its first data row's fields. */
  static DatasetFormat detect(Path file, String displayName) throws IOException {
    try (JsonlLines lines = new JsonlLines(file, 0, 1)) {
      JsonlLines.Line first = lines.next();
      if (first == null) {
        throw new MalformedDataException(
            displayName, 1, MalformedDataException.JSON, "empty file", null);
      }
      JsonNode row;
      try {
        row = JSON.readTree(first.text());
      } catch (IOException e) {
        throw new MalformedDataException(
            displayName, first.number(), MalformedDataException.JSON, "invalid JSON", e);
      }
      if (row == null || !row.isObject()) {
        throw new MalformedDataException(
            displayName, first.number(), MalformedDataException.JSON, "expected JSON object", null);
      }
      if (row.has("response_0") || row.has("is_response_0_safe")) {
        return PKU_SAFERLHF;
      }
      if (row.has("chosen") || row.has("rejected")) {
        return PREFERENCE_PAIRS;
      }
      if (row.has("response")) {
        return SFT;
      }
      throw new MalformedDataException(
          displayName,
          first.number(),
          MalformedDataException.JSON,
          "unknown format: expected PKU-SafeRLHF (response_0, ...), preference pairs (chosen,"
              + " rejected) or SFT (prompt, response) fields",
          null);
    }
  }

  /**
   * Reads the whole file strictly.
   *
   * @return its data rows and SHA-256
   * @throws MalformedDataException at the first malformed line
   */
  Checked validate(Path file) throws IOException {
    return switch (this) {
      case PKU_SAFERLHF -> {
        var stats = PkuSafeRlhfReader.builder().build().inspect(file);
        yield new Checked(stats.rows(), stats.sha256());
      }
      case PREFERENCE_PAIRS -> {
        try (RecordStream<PreferencePair> pairs = PreferencePairReader.strict().open(file)) {
          long n = 0;
          while (pairs.hasNext()) {
            pairs.next();
            n++;
          }
          yield new Checked(n, pairs.summary().sha256());
        }
      }
      case SFT -> new Checked(SftExampleReader.read(file).size(), Sha256.of(file));
    };
  }

  /** The format named {@code id}, if any. */
  static DatasetFormat of(String id) {
    for (DatasetFormat f : values()) {
      if (f.id.equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown dataset format " + id);
  }

  /** A valid file's row count and SHA-256. */
  record Checked(long rows, String sha256) {}
}
