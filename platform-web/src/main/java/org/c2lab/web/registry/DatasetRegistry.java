package org.c2lab.web.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.c2lab.core.data.MalformedDataException;
import org.c2lab.core.protocol.Rank;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.Principal;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.store.Jdbc;
import org.c2lab.web.store.RunStoreFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets the lab server knows (table {@code registered_datasets}): files registered by path
 * or uploaded (stored under {@code $C2_HOME/datasets/}), each validated with the platform's strict
 * readers, with format, row count, size and SHA-256. The repository's demo file and every {@code
 * *.jsonl} under {@code $C2_HOME/datasets} are listed by themselves. Rows are browsed by streaming
 * the file (a sparse {@link LineIndex} per dataset), never by loading it.
 */
@Singleton
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = DataSource.class)
public class DatasetRegistry {
  /** The demo file, relative to the repository root ({@code c2.repo.root}). */
  public static final String DEMO = "datasets/demo/pku-format-demo.jsonl";

  private static final Logger LOG = LoggerFactory.getLogger(DatasetRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Jdbc db;
  private final AuditLog audit;
  private final Path datasetsDir;
  private final Path demo;
  private final long maxUploadBytes;
  private final Map<String, LineIndex> indexes = new ConcurrentHashMap<>();
  private final Map<Path, String> rejected = new ConcurrentHashMap<>();

  /**
   * @param home {@code $C2_HOME}; uploads go to its {@code datasets/}
   * @param repoRoot the repository (for {@value #DEMO}); {@code c2.repo.root}, default the working
   *     folder
   * @param maxUploadBytes the largest upload ({@code c2.datasets.max-upload-bytes}, 256 MiB)
   */
  public DatasetRegistry(
      DataSource dataSource,
      AuditLog audit,
      @Value("${c2.home:c2-data}") String home,
      @Value("${c2.repo.root:.}") String repoRoot,
      @Value("${c2.datasets.max-upload-bytes:268435456}") long maxUploadBytes) {
    this.db = new Jdbc(dataSource, "dataset registry");
    this.audit = audit;
    this.datasetsDir = Path.of(home).toAbsolutePath().normalize().resolve("datasets");
    this.demo = Path.of(repoRoot).toAbsolutePath().normalize().resolve(DEMO);
    this.maxUploadBytes = maxUploadBytes;
  }

  /** The largest accepted upload in bytes. */
  public long maxUploadBytes() {
    return maxUploadBytes;
  }

  /** Every dataset, discovered files included, by id. */
  public List<DatasetView> list() {
    discover();
    return db.query("SELECT * FROM registered_datasets ORDER BY id", DatasetRegistry::view);
  }

  /** One dataset; 404 when unknown. */
  public DatasetView get(String id) {
    Optional<DatasetView> found = find(id);
    if (found.isEmpty()) {
      discover();
      found = find(id);
    }
    return found.orElseThrow(() -> Problem.notFound("no dataset '" + id + "'"));
  }

  /**
   * Registers a file on the server after validating it.
   *
   * @throws Problem 400 naming {@code path} (missing file, or its first malformed line as {@code
   *     file:line: field: problem}); 409 when the id or file is taken
   */
  public DatasetView registerPath(Principal who, String name, String path) {
    if (path == null || path.isBlank()) {
      throw Problem.invalid("path", "missing");
    }
    Path file = Path.of(path.strip()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw Problem.invalid("path", "no such file on the server: " + file);
    }
    requireUnregistered(file, "path");
    String label = name == null || name.isBlank() ? baseName(file) : name.strip();
    DatasetView view =
        insert(label, requireFreeId(label), file, "path", who.username(), false, false);
    audit.record(who, "dataset.register", view.id(), file.toString());
    return view;
  }

  /**
   * Stores an uploaded file under {@code $C2_HOME/datasets/ID.jsonl} after validating it; an
   * invalid or oversized upload leaves nothing behind.
   *
   * @param fileName the uploaded file's name, for messages and the default name
   * @throws Problem 413 naming {@code file} over {@link #maxUploadBytes()}; 400 naming {@code file}
   *     for its first malformed line; 409 when the name is taken
   */
  public DatasetView upload(Principal who, String name, String fileName, InputStream content) {
    String display =
        fileName == null || fileName.isBlank()
            ? "upload.jsonl"
            : Path.of(fileName).getFileName().toString();
    String label = name == null || name.isBlank() ? baseName(Path.of(display)) : name.strip();
    String id = requireFreeId(label);
    Path target = datasetsDir.resolve(id + ".jsonl");
    if (Files.exists(target)) {
      throw Problem.conflict(
          "name", "a file " + target.getFileName() + " exists in " + datasetsDir);
    }
    Path part = datasetsDir.resolve(".upload-" + UUID.randomUUID() + ".part");
    try {
      Files.createDirectories(datasetsDir);
      copyAtMost(content, part, maxUploadBytes);
      DatasetFormat.Checked checked;
      DatasetFormat format;
      try {
        format = DatasetFormat.detect(part, display);
        checked = format.validate(part);
      } catch (MalformedDataException e) {
        throw Problem.invalid("file", located(display, e), e);
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      insertChecked(id, label, target, format, checked, who.username(), true, false);
      audit.record(who, "dataset.upload", id, display + ", " + checked.rows() + " rows");
      return get(id);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store upload " + display, e);
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        LOG.warn("cannot delete {}: {}", part, e.toString());
      }
    }
  }

  /**
   * A page of a dataset's rows, parsed, optionally only those whose text fields contain {@code
   * query} (case-insensitive). Streams the file: a page without a query seeks through the index, a
   * search reads the file once.
   */
  public RowPage rows(String id, String query, PageRequest page) {
    DatasetView d = get(id);
    Path file = Path.of(d.path());
    DatasetFormat format = DatasetFormat.of(d.format());
    String needle =
        query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
    List<DatasetRow> items = new ArrayList<>();
    try {
      if (needle == null) {
        LineIndex index = index(d);
        try (JsonlLines lines = index.openAt(file, page.offset())) {
          long row = page.offset() - page.offset() % LineIndex.STRIDE;
          for (JsonlLines.Line line = lines.next();
              line != null && items.size() < page.limit();
              line = lines.next(), row++) {
            if (row >= page.offset()) {
              items.add(parse(format, row, line));
            }
          }
        }
        return new RowPage(items, page.offset(), page.limit(), index.rows(), null);
      }
      long matches = 0;
      long row = 0;
      try (JsonlLines lines = new JsonlLines(file, 0, 1)) {
        for (JsonlLines.Line line = lines.next(); line != null; line = lines.next(), row++) {
          if (!line.text().toLowerCase(Locale.ROOT).contains(needle)) {
            continue; // cheap pre-filter on the raw line
          }
          DatasetRow parsed = parse(format, row, line);
          if (!matches(parsed.fields(), needle)) {
            continue;
          }
          if (matches >= page.offset() && items.size() < page.limit()) {
            items.add(parsed);
          }
          matches++;
        }
      }
      return new RowPage(items, page.offset(), page.limit(), matches, query.strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + id, e);
    }
  }

  /** Registers the demo file and every {@code *.jsonl} under {@code $C2_HOME/datasets}. */
  synchronized void discover() {
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(demo)) {
      files.add(demo);
    }
    if (Files.isDirectory(datasetsDir)) {
      try (Stream<Path> s = Files.walk(datasetsDir, 4)) {
        s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
            .filter(Files::isRegularFile)
            .map(p -> p.toAbsolutePath().normalize())
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        LOG.warn("cannot list {}: {}", datasetsDir, e.toString());
      }
    }
    Set<String> known =
        new HashSet<>(db.query("SELECT path FROM registered_datasets", rs -> rs.getString(1)));
    for (Path file : files) {
      if (known.contains(file.toString()) || isStillRejected(file)) {
        continue;
      }
      String label = baseName(file);
      String id = ModelRegistry.slug(label);
      for (int i = 2; find(id).isPresent(); i++) {
        id = ModelRegistry.slug(label) + "-" + i;
      }
      try {
        insert(label, id, file, "path", Principal.SYSTEM.username(), false, true);
      } catch (Problem e) {
        LOG.warn("not listing dataset {}: {}", file, e.getMessage());
        rejected.put(file, fingerprint(file));
      }
    }
  }

  private DatasetView insert(
      String label,
      String id,
      Path file,
      String field,
      String by,
      boolean uploaded,
      boolean discovered) {
    String display = file.getFileName().toString();
    try {
      DatasetFormat format = DatasetFormat.detect(file, display);
      DatasetFormat.Checked checked = format.validate(file);
      insertChecked(id, label, file, format, checked, by, uploaded, discovered);
      return get(id);
    } catch (MalformedDataException e) {
      throw Problem.invalid(field, located(display, e), e);
    } catch (IOException e) {
      throw Problem.invalid(field, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private void insertChecked(
      String id,
      String label,
      Path file,
      DatasetFormat format,
      DatasetFormat.Checked checked,
      String by,
      boolean uploaded,
      boolean discovered)
      throws IOException {
    db.update(
        "INSERT INTO registered_datasets (id, name, path, format, sha256, row_count, size_bytes,"
            + " uploaded, discovered, created_by, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        label,
        file.toString(),
        format.id(),
        checked.sha256(),
        checked.rows(),
        Files.size(file),
        uploaded,
        discovered,
        by,
        Instant.now());
  }

  private LineIndex index(DatasetView d) throws IOException {
    Path file = Path.of(d.path());
    LineIndex index = indexes.get(d.id());
    if (index == null || !index.isCurrent(file)) {
      index = LineIndex.build(file);
      indexes.put(d.id(), index);
    }
    return index;
  }

  private static DatasetRow parse(DatasetFormat format, long row, JsonlLines.Line line)
      throws IOException {
    JsonNode node = JSON.readTree(line.text());
    Map<String, Object> fields = JSON.convertValue(node, MAP);
    DatasetRow.Ranking ranking = null;
    if (format == DatasetFormat.PREFERENCE_PAIRS
        && node.path("chosen_rank").canConvertToInt()
        && node.path("rejected_rank").canConvertToInt()) {
      ranking = ranking(node.get("chosen_rank").asInt(), node.get("rejected_rank").asInt());
    }
    return new DatasetRow(row, line.number(), fields, ranking);
  }

  /** The C2-Syn rank structure; names only for ranks 1..6. */
  static DatasetRow.Ranking ranking(int chosen, int rejected) {
    String c = name(chosen);
    String r = name(rejected);
    return new DatasetRow.Ranking(
        chosen,
        rejected,
        c,
        r,
        "rank " + chosen + " (" + c + ") > rank " + rejected + " (" + r + ")");
  }

  private static String name(int rank) {
    return rank >= 1 && rank <= Rank.values().length ? Rank.of(rank).name() : "?";
  }

  private static boolean matches(Map<String, Object> fields, String needle) {
    for (Object v : fields.values()) {
      if (v instanceof String s && s.toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }

  private static String located(String display, MalformedDataException e) {
    return display + ":" + e.line() + ": " + e.field() + ": " + e.problem();
  }

  private void requireUnregistered(Path file, String field) {
    db.one(
            "SELECT id FROM registered_datasets WHERE path = ?",
            rs -> rs.getString(1),
            file.toString())
        .ifPresent(
            id -> {
              throw Problem.conflict(field, "already registered as '" + id + "'");
            });
  }

  private String requireFreeId(String label) {
    String id = ModelRegistry.slug(label);
    if (find(id).isPresent()) {
      throw Problem.conflict("name", "a dataset with id '" + id + "' exists; choose another name");
    }
    return id;
  }

  private Optional<DatasetView> find(String id) {
    return db.one("SELECT * FROM registered_datasets WHERE id = ?", DatasetRegistry::view, id);
  }

  private boolean isStillRejected(Path file) {
    String seen = rejected.get(file);
    return seen != null && seen.equals(fingerprint(file));
  }

  private static String fingerprint(Path file) {
    try {
      return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static String baseName(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".jsonl") ? n.substring(0, n.length() - ".jsonl".length()) : n;
  }

  private static void copyAtMost(InputStream in, Path out, long max) throws IOException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    try (OutputStream o = Files.newOutputStream(out)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
        if (total > max) {
          throw Problem.tooLarge("file", "upload larger than the limit of " + max + " bytes");
        }
        o.write(buf, 0, n);
      }
    }
  }

  private static DatasetView view(ResultSet rs) throws SQLException {
    return new DatasetView(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("path"),
        rs.getString("format"),
        rs.getString("sha256"),
        rs.getLong("row_count"),
        rs.getLong("size_bytes"),
        rs.getBoolean("uploaded"),
        rs.getBoolean("discovered"),
        rs.getString("created_by"),
        Jdbc.instant(rs, "created_at"));
  }
}
