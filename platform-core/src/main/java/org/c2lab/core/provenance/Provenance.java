package org.c2lab.core.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything needed to tell how a result was produced and to reproduce it: the code (tool version,
 * git commit), the environment, the full run configuration, the seed and the content hashes of
 * every data set and model file read. Written as JSON beside each artifact ({@link #toJson()}).
 *
 * @param toolName the producing program, e.g. {@code c2-platform}
 * @param toolVersion its version, {@code unknown} when not packaged
 * @param gitCommit the source commit, {@link GitCommit#UNKNOWN} when not discoverable
 * @param javaVersion runtime version and vendor
 * @param os operating system name, version and architecture
 * @param host host name of the machine that ran the job
 * @param startedAt when the run started
 * @param finishedAt when it finished, or {@code null} while running
 * @param config the full run configuration as a JSON tree ({@link NullNode} if none)
 * @param seed the run's master seed, or {@code null} when the run draws no random numbers
 * @param datasets data files read, with hashes
 * @param models model files read, with hashes
 * @param notes free-form facts worth keeping (precision, prefill mode, ...), sorted by key
 */
public record Provenance(
    String toolName,
    String toolVersion,
    String gitCommit,
    String javaVersion,
    String os,
    String host,
    Instant startedAt,
    Instant finishedAt,
    JsonNode config,
    Long seed,
    List<FileDigest> datasets,
    List<FileDigest> models,
    Map<String, String> notes) {

  /** Tool name used when a builder is not told otherwise. */
  public static final String DEFAULT_TOOL = "c2-platform";

  /** Stands for facts the environment does not reveal. */
  public static final String UNKNOWN = "unknown";

  public Provenance {
    requireText(toolName, "toolName");
    requireText(toolVersion, "toolVersion");
    requireText(gitCommit, "gitCommit");
    requireText(javaVersion, "javaVersion");
    requireText(os, "os");
    requireText(host, "host");
    Objects.requireNonNull(startedAt, "startedAt");
    if (finishedAt != null && finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "finishedAt " + finishedAt + " is before startedAt " + startedAt);
    }
    // JsonNode is mutable: keep a private copy so the record stays a value.
    config = config == null ? NullNode.getInstance() : config.deepCopy();
    datasets = List.copyOf(datasets == null ? List.of() : datasets);
    models = List.copyOf(models == null ? List.of() : models);
    notes = Collections.unmodifiableMap(new TreeMap<>(notes == null ? Map.of() : notes));
  }

  /** A copy of the configuration tree (the record's own copy cannot be changed through it). */
  @Override
  public JsonNode config() {
    return config.deepCopy();
  }

  /** A builder pre-filled with this environment's facts; {@code startedAt} is now. */
  public static Builder builder() {
    return new Builder(Clock.systemUTC());
  }

  /** A builder starting from this record's values, e.g. to add {@code finishedAt}. */
  public Builder toBuilder() {
    Builder b = new Builder(Clock.systemUTC());
    b.toolName = toolName;
    b.toolVersion = toolVersion;
    b.gitCommit = gitCommit;
    b.javaVersion = javaVersion;
    b.os = os;
    b.host = host;
    b.startedAt = startedAt;
    b.finishedAt = finishedAt;
    b.config = config;
    b.seed = seed;
    b.datasets.addAll(datasets);
    b.models.addAll(models);
    b.notes.putAll(notes);
    return b;
  }

  /** Pretty-printed JSON. */
  public String toJson() {
    try {
      return ProvenanceJson.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise provenance", e);
    }
  }

  /** Parses JSON written by {@link #toJson()}; unknown fields are ignored. */
  public static Provenance fromJson(String json) {
    try {
      return ProvenanceJson.MAPPER.readValue(json, Provenance.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a provenance document: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes {@link #toJson()} to {@code file}, replacing it. */
  public void writeTo(Path file) throws IOException {
    Files.writeString(file, toJson());
  }

  /** Reads a file written by {@link #writeTo(Path)}. */
  public static Provenance readFrom(Path file) throws IOException {
    return fromJson(Files.readString(file));
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /**
   * Collects provenance while a job runs. Safe to use from several threads. Environment facts are
   * filled in at creation; the git commit is discovered at {@link #build()} unless set.
   */
  public static final class Builder {
    private final Clock clock;
    private String toolName = DEFAULT_TOOL;
    private String toolVersion = packageVersion();
    private String gitCommit;
    private String javaVersion =
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    private String os =
        String.join(
            " ",
            System.getProperty("os.name"),
            System.getProperty("os.version"),
            System.getProperty("os.arch"));
    private String host = hostName();
    private Instant startedAt;
    private Instant finishedAt;
    private JsonNode config;
    private Long seed;
    private final List<FileDigest> datasets = new ArrayList<>();
    private final List<FileDigest> models = new ArrayList<>();
    private final Map<String, String> notes = new TreeMap<>();

    Builder(Clock clock) {
      this.clock = clock;
      this.startedAt = clock.instant();
    }

    /** The producing program and its version. */
    public synchronized Builder tool(String name, String version) {
      this.toolName = name;
      this.toolVersion = version;
      return this;
    }

    /** Sets the commit instead of discovering it. */
    public synchronized Builder gitCommit(String commit) {
      this.gitCommit = commit;
      return this;
    }

    public synchronized Builder host(String host) {
      this.host = host;
      return this;
    }

    public synchronized Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public synchronized Builder finishedAt(Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    /** Marks the run finished now. */
    public synchronized Builder finishedNow() {
      this.finishedAt = clock.instant();
      return this;
    }

    /** The full configuration as a JSON tree. */
    public synchronized Builder config(JsonNode config) {
      this.config = config;
      return this;
    }

    /** The full configuration, converted to a JSON tree by Jackson (records, maps, beans). */
    public synchronized Builder config(Object config) {
      this.config = ProvenanceJson.MAPPER.valueToTree(config);
      return this;
    }

    public synchronized Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Hashes a data file now and records it. */
    public Builder addDataset(Path file) throws IOException {
      return addDataset(FileDigest.of(file));
    }

    public synchronized Builder addDataset(FileDigest digest) {
      datasets.add(Objects.requireNonNull(digest, "digest"));
      return this;
    }

    /** Hashes a model file now and records it. */
    public Builder addModelFile(Path file) throws IOException {
      return addModel(FileDigest.of(file));
    }

    /**
     * Hashes every regular file below a model directory (Hugging Face layout: config, shards,
     * tokenizer), in path order so the record is stable.
     */
    public Builder addModelDirectory(Path dir) throws IOException {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        addModelFile(file);
      }
      return this;
    }

    public synchronized Builder addModel(FileDigest digest) {
      models.add(Objects.requireNonNull(digest, "digest"));
      return this;
    }

    /** A free-form fact, e.g. {@code note("precision", "bf16")}; replaces an earlier value. */
    public synchronized Builder note(String key, String value) {
      notes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public synchronized Provenance build() {
      if (gitCommit == null) {
        gitCommit = GitCommit.detect();
      }
      return new Provenance(
          toolName,
          toolVersion,
          gitCommit,
          javaVersion,
          os,
          host,
          startedAt,
          finishedAt,
          config,
          seed,
          datasets,
          models,
          notes);
    }

    private static String packageVersion() {
      String v = Provenance.class.getPackage().getImplementationVersion();
      return v == null ? UNKNOWN : v;
    }

    private static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException | UncheckedIOException e) {
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? UNKNOWN : env;
      }
    }
  }
}
