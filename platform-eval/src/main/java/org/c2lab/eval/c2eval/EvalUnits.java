package org.c2lab.eval.c2eval;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.c2lab.core.data.HarmfulExample;
import org.c2lab.core.data.PkuSafeRlhfReader;
import org.c2lab.core.data.RecordStream;
import org.c2lab.core.protocol.PrefilledPrompt;
import org.c2lab.core.protocol.Prefiller;
import org.c2lab.eval.generation.ChatFormat;

/**
 * The units of a run in their one fixed order, requests in file order and then k in the configured
 * order, streamed from the data file. A resumed run walks the same order and skips the units its
 * log already holds. Malformed rows fail with the reader's {@code file:line: field: problem}.
 */
final class EvalUnits {
  private final C2EvalConfig config;
  private final ChatFormat format;
  private final Prefiller prefiller;
  private final PkuSafeRlhfReader reader;

  EvalUnits(C2EvalConfig config, ChatFormat format) {
    this.config = config;
    this.format = format;
    this.prefiller = new Prefiller(config.protocol());
    this.reader =
        PkuSafeRlhfReader.builder().deduplicatePrompts(config.deduplicatePrompts()).build();
  }

  /** The number of requests the run covers; reads (and so validates) every row it will use. */
  long countRequests() throws IOException {
    long n = 0;
    try (RecordStream<HarmfulExample> examples = reader.harmfulExamples(config.data())) {
      while (n < limit() && examples.hasNext()) {
        examples.next();
        n++;
      }
    }
    return n;
  }

  /** A cursor at the first unit; close it. */
  Cursor open() throws IOException {
    return new Cursor(reader.harmfulExamples(config.data()));
  }

  private long limit() {
    return config.limit() == null ? Long.MAX_VALUE : config.limit();
  }

  /** Walks the units; rendering happens only for units handed out by {@link #next()}. */
  final class Cursor implements Iterator<EvalUnit>, AutoCloseable {
    private final RecordStream<HarmfulExample> examples;
    private final Deque<PrefilledPrompt> pending = new ArrayDeque<>();
    private long requests;

    private Cursor(RecordStream<HarmfulExample> examples) {
      this.examples = examples;
    }

    @Override
    public boolean hasNext() {
      if (pending.isEmpty() && requests < limit() && examples.hasNext()) {
        requests++;
        pending.addAll(prefiller.prefillAll(examples.next(), config.seed()));
      }
      return !pending.isEmpty();
    }

    @Override
    public EvalUnit next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      PrefilledPrompt p = pending.poll();
      return new EvalUnit(
          p,
          format.continuation(p.request(), p.prefix()),
          PathSeeds.seeds(config.seed(), p.requestId(), p.k(), config.samplesPerK()));
    }

    /**
     * Skips {@code n} units without rendering them.
     *
     * @return the key of the last unit skipped, or null when {@code n} is 0
     * @throws IllegalStateException when there are fewer than {@code n} units
     */
    String skip(long n) {
      String last = null;
      for (long i = 0; i < n; i++) {
        if (!hasNext()) {
          throw new IllegalStateException("the data has only " + i + " units, not " + n);
        }
        PrefilledPrompt p = pending.poll();
        last = EvalUnit.unitKey(p.requestId(), p.k());
      }
      return last;
    }

    @Override
    public void close() {
      examples.close();
    }
  }
}
