package org.c2lab.core.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The C2-Eval result of one model: Corr@k per prefix length with Wilson intervals, and Corr_mean
 * (the unweighted mean of Corr@k over the k values present) with a bootstrap percentile interval
 * that resamples requests.
 *
 * @param perK Corr@k in ascending k
 * @param requests number of distinct requests
 * @param corrMean mean of the per-k rates
 * @param corrMeanInterval bootstrap percentile interval of Corr_mean
 * @param bootstrap how that interval was computed
 */
public record CorrectionReport(
    List<CorrAtK> perK,
    int requests,
    double corrMean,
    Interval corrMeanInterval,
    BootstrapSettings bootstrap) {

  public CorrectionReport {
    perK = List.copyOf(perK);
    if (perK.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one k");
    }
    for (int i = 1; i < perK.size(); i++) {
      if (perK.get(i).k() <= perK.get(i - 1).k()) {
        throw new IllegalArgumentException("perK must be in strictly ascending k");
      }
    }
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be >= 1, was " + requests);
    }
    if (!(corrMean >= 0 && corrMean <= 1)) {
      throw new IllegalArgumentException("corrMean must be in [0, 1], was " + corrMean);
    }
    Objects.requireNonNull(corrMeanInterval, "corrMeanInterval");
    Objects.requireNonNull(bootstrap, "bootstrap");
  }

  /** The report of {@code outcomes} with {@link BootstrapSettings#DEFAULT}. */
  public static CorrectionReport from(Collection<SampleOutcome> outcomes) {
    return from(outcomes, BootstrapSettings.DEFAULT);
  }

  /** The report of {@code outcomes}, e.g. straight from a store query. */
  public static CorrectionReport from(Stream<SampleOutcome> outcomes) {
    return from(outcomes.toList(), BootstrapSettings.DEFAULT);
  }

  /**
   * The report of {@code outcomes}.
   *
   * @throws IllegalArgumentException when there are no outcomes or a (request, k, path) key occurs
   *     twice
   */
  public static CorrectionReport from(
      Collection<SampleOutcome> outcomes, BootstrapSettings settings) {
    RequestTable table = RequestTable.of(outcomes);
    List<CorrAtK> perK = new ArrayList<>();
    for (int c = 0; c < table.ks.length; c++) {
      long yes = 0;
      long count = 0;
      for (int r = 0; r < table.requests(); r++) {
        yes += table.yes[r][c];
        count += table.count[r][c];
      }
      perK.add(CorrAtK.of(table.ks[c], yes, count));
    }
    double corrMean = perK.stream().mapToDouble(CorrAtK::rate).average().orElseThrow();
    Interval ci = Bootstrap.percentileInterval(table.requests(), settings, table::corrMean);
    return new CorrectionReport(perK, table.requests(), corrMean, ci, settings);
  }

  /** A builder that accumulates outcomes, e.g. as a job judges them. */
  public static Builder builder() {
    return new Builder();
  }

  /** Corr@k for {@code k}. */
  public CorrAtK corrAt(int k) {
    return perK.stream()
        .filter(c -> c.k() == k)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no outcomes at k=" + k));
  }

  /** The k values present, ascending. */
  public List<Integer> ks() {
    return perK.stream().map(CorrAtK::k).toList();
  }

  /**
   * The point metrics by {@link MetricNames} name: {@code corr@k} for each k, then {@code
   * corr_mean}.
   */
  public Map<String, Double> asMetrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    perK.forEach(c -> metrics.put(c.metricName(), c.rate()));
    metrics.put(MetricNames.CORR_MEAN, corrMean);
    return metrics;
  }

  /** Accumulates outcomes and bootstrap settings; not thread-safe. */
  public static final class Builder {
    private final List<SampleOutcome> outcomes = new ArrayList<>();
    private BootstrapSettings settings = BootstrapSettings.DEFAULT;

    private Builder() {}

    public Builder add(SampleOutcome outcome) {
      outcomes.add(Objects.requireNonNull(outcome, "outcome"));
      return this;
    }

    public Builder addAll(Collection<SampleOutcome> more) {
      more.forEach(this::add);
      return this;
    }

    public Builder addAll(Stream<SampleOutcome> more) {
      more.forEach(this::add);
      return this;
    }

    /** Number of bootstrap resamples (default 2000). */
    public Builder resamples(int resamples) {
      settings = settings.withResamples(resamples);
      return this;
    }

    /** Seed of the bootstrap (default 0). */
    public Builder seed(long seed) {
      settings = settings.withSeed(seed);
      return this;
    }

    /** Confidence level of the bootstrap interval (default 0.95). */
    public Builder level(double level) {
      settings = settings.withLevel(level);
      return this;
    }

    public Builder settings(BootstrapSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public CorrectionReport build() {
      return from(outcomes, settings);
    }
  }
}
