package org.c2lab.web.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.model.TextPrompt;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.Principal;
import org.c2lab.web.backend.ModelBackends;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.store.Jdbc;
import org.c2lab.web.store.RunStoreFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the lab server knows (table {@code registered_models}): local checkpoints (described
 * from their folder; weight and tokenizer files hashed in the background, {@code hashing} until
 * done) and presets behind OpenAI-compatible endpoints (the API key stays on the server and is
 * masked in every view). Every folder under {@code $C2_HOME/models/} is listed by itself. Callers
 * check roles; changes are audited.
 */
@Singleton
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = DataSource.class)
public class ModelRegistry {
  /** The mild, fixed prompt a model test continues. */
  public static final String TEST_PROMPT = "Once upon a time, in a quiet village,";

  /** Tokens a model test generates. */
  public static final int TEST_TOKENS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HASHING = "hashing";

  private final Jdbc db;
  private final ModelBackends backends;
  private final AuditLog audit;
  private final Path modelsDir;
  private final ExecutorService hashing =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "c2-model-hashing");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param home {@code $C2_HOME} ({@code c2.home}); its {@code models/} folders are listed
   */
  public ModelRegistry(
      DataSource dataSource,
      ModelBackends backends,
      AuditLog audit,
      @Value("${c2.home:c2-data}") String home) {
    this.db = new Jdbc(dataSource, "model registry");
    this.backends = backends;
    this.audit = audit;
    this.modelsDir = Path.of(home).toAbsolutePath().normalize().resolve("models");
  }

  /** Resumes hashing interrupted by a restart. */
  @PostConstruct
  void resumeHashing() {
    db.query(
            "SELECT id, path FROM registered_models WHERE hash_status = ?",
            rs -> new String[] {rs.getString(1), rs.getString(2)},
            HASHING)
        .forEach(r -> scheduleHashing(r[0], Path.of(r[1])));
  }

  /** Stops background hashing (it resumes at the next start). */
  @PreDestroy
  void close() throws InterruptedException {
    hashing.shutdownNow();
    hashing.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Every model, discovered folders included, by id. */
  public List<ModelView> list() {
    discover();
    return db.query("SELECT * FROM registered_models ORDER BY id", ModelRegistry::view);
  }

  /** One model (discovered folders included); 404 when unknown. */
  public ModelView get(String id) {
    Optional<ModelView> found = find(id);
    if (found.isEmpty()) {
      discover();
      found = find(id);
    }
    return found.orElseThrow(() -> Problem.notFound("no model '" + id + "'"));
  }

  /** The ten presets, each with the ids of the remote models registered for it. */
  public List<PresetView> presets() {
    List<ModelView> models = list();
    List<PresetView> out = new ArrayList<>();
    for (ModelPreset p : ModelPresets.all()) {
      List<String> endpoints =
          models.stream().filter(m -> p.id().equals(m.presetId())).map(ModelView::id).toList();
      out.add(new PresetView(p.id(), p.hfRepoId(), p.family().name(), endpoints));
    }
    return out;
  }

  /**
   * Registers a local Hugging Face folder; its files are hashed in the background.
   *
   * @throws Problem 400 naming {@code path} (not a model folder) or {@code name}; 409 when the id
   *     or folder is taken
   */
  public ModelView registerLocal(Principal who, String name, String path) {
    if (path == null || path.isBlank()) {
      throw Problem.invalid("path", "missing");
    }
    Path dir = Path.of(path.strip()).toAbsolutePath().normalize();
    if (byPath(dir).isPresent()) {
      throw Problem.conflict("path", "already registered as '" + byPath(dir).get() + "'");
    }
    String label =
        name == null || name.isBlank() ? String.valueOf(dir.getFileName()) : name.strip();
    ModelView view = insertLocal(label, requireFreeId(label), dir, who.username(), false);
    audit.record(who, "model.register", view.id(), dir.toString());
    return view;
  }

  /**
   * Registers a preset served at an OpenAI-compatible endpoint.
   *
   * @param servedName the model name on that server; null for the preset's Hugging Face id
   * @param apiKey the endpoint's key, or null; kept on the server, shown masked
   * @throws Problem 400 naming {@code presetId}, {@code url} or {@code name}; 409 when taken
   */
  public ModelView registerRemote(
      Principal who, String name, String presetId, String url, String servedName, String apiKey) {
    if (presetId == null || presetId.isBlank()) {
      throw Problem.invalid("presetId", "missing");
    }
    ModelPreset preset =
        ModelPresets.find(presetId.strip())
            .orElseThrow(
                () ->
                    Problem.invalid(
                        "presetId",
                        "unknown preset '"
                            + presetId
                            + "'; presets: "
                            + String.join(", ", ModelPresets.ids())));
    URI base = requireHttpUrl(url);
    String served =
        servedName == null || servedName.isBlank() ? preset.hfRepoId() : servedName.strip();
    String label =
        name == null || name.isBlank() ? preset.id() + "@" + base.getHost() : name.strip();
    String id = requireFreeId(label);
    db.update(
        "INSERT INTO registered_models (id, kind, name, preset_id, url, served_name, api_key,"
            + " hash_status, discovered, created_by, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'none', FALSE, ?, ?)",
        id,
        ModelView.REMOTE,
        label,
        preset.id(),
        base.toString(),
        served,
        apiKey == null || apiKey.isBlank() ? null : apiKey.strip(),
        who.username(),
        Instant.now());
    audit.record(who, "model.register", id, preset.id() + "@" + base);
    return get(id);
  }

  /**
   * Unregisters a model (its files stay). Folders under {@code $C2_HOME/models} are listed as long
   * as they exist, so they cannot be unregistered (409).
   */
  public void delete(Principal who, String id) {
    ModelView m = get(id);
    if (m.discovered()) {
      throw Problem.conflict(
          "id", "'" + id + "' is a folder under $C2_HOME/models; remove the folder instead");
    }
    db.update("DELETE FROM registered_models WHERE id = ?", id);
    audit.record(who, "model.delete", id, "");
  }

  /**
   * Opens the model through {@link ModelBackends} and greedily continues {@link #TEST_PROMPT} by
   * {@value #TEST_TOKENS} tokens.
   *
   * @throws Problem 502 with the reason when the model cannot be opened or fails to generate
   */
  public ModelTestResult test(Principal who, String id) {
    ModelView m = get(id);
    Optional<String> key =
        db.one("SELECT api_key FROM registered_models WHERE id = ?", rs -> rs.getString(1), id);
    long start = System.nanoTime();
    try (ModelHandle handle = backends.open(m.spec(), key)) {
      Generation g =
          handle
              .model()
              .generate(
                  List.of(
                      GenerationRequest.of(
                          new TextPrompt(TEST_PROMPT), SamplingParams.greedy(TEST_TOKENS), 0L)))
              .get(0)
              .get(0);
      long ms = (System.nanoTime() - start) / 1_000_000;
      audit.record(who, "model.test", id, ms + " ms");
      return new ModelTestResult(
          TEST_PROMPT, g.text(), g.finishReason().name().toLowerCase(Locale.ROOT), ms);
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw Problem.upstream("model '" + id + "' failed its test: " + reason, e);
    }
  }

  /** Registers every model folder under {@code $C2_HOME/models} not registered yet. */
  synchronized void discover() {
    if (!Files.isDirectory(modelsDir)) {
      return;
    }
    Set<String> known =
        new HashSet<>(
            db.query(
                "SELECT path FROM registered_models WHERE path IS NOT NULL",
                rs -> rs.getString(1)));
    List<Path> folders;
    try (Stream<Path> s = Files.list(modelsDir)) {
      folders =
          s.filter(d -> Files.isRegularFile(d.resolve("config.json")))
              .map(d -> d.toAbsolutePath().normalize())
              .sorted()
              .toList();
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", modelsDir, e.toString());
      return;
    }
    for (Path dir : folders) {
      if (known.contains(dir.toString())) {
        continue;
      }
      String label = dir.getFileName().toString();
      String id = slug(label);
      for (int i = 2; find(id).isPresent(); i++) {
        id = slug(label) + "-" + i;
      }
      try {
        insertLocal(label, id, dir, Principal.SYSTEM.username(), true);
      } catch (Problem e) {
        LOG.warn("not listing {}: {}", dir, e.getMessage());
      }
    }
  }

  private ModelView insertLocal(String label, String id, Path dir, String by, boolean discovered) {
    ModelFolder.Description d;
    try {
      d = ModelFolder.describe(dir);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("path", e.getMessage());
    } catch (IOException e) {
      throw Problem.invalid("path", "cannot read " + dir + ": " + e.getMessage());
    }
    db.update(
        "INSERT INTO registered_models (id, kind, name, path, architecture, parameters,"
            + " size_bytes, hash_status, discovered, created_by, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        ModelView.LOCAL,
        label,
        dir.toString(),
        d.architecture(),
        d.parameters(),
        d.sizeBytes(),
        HASHING,
        discovered,
        by,
        Instant.now());
    scheduleHashing(id, dir);
    return get(id);
  }

  private void scheduleHashing(String id, Path dir) {
    hashing.execute(
        () -> {
          try {
            Map<String, String> hashes = ModelFolder.hash(ModelFolder.describe(dir).hashedFiles());
            db.update(
                "UPDATE registered_models SET hash_status = 'done', file_hashes = ? WHERE id = ?",
                JSON.writeValueAsString(hashes),
                id);
          } catch (IOException | RuntimeException e) {
            if (hashing.isShutdown()) {
              return; // interrupted by the server stopping: still 'hashing', resumed at next start
            }
            LOG.warn("hashing model {} failed: {}", id, e.toString());
            db.update("UPDATE registered_models SET hash_status = 'failed' WHERE id = ?", id);
          }
        });
  }

  private Optional<ModelView> find(String id) {
    return db.one("SELECT * FROM registered_models WHERE id = ?", ModelRegistry::view, id);
  }

  private Optional<String> byPath(Path dir) {
    return db.one(
        "SELECT id FROM registered_models WHERE path = ?", rs -> rs.getString(1), dir.toString());
  }

  private String requireFreeId(String label) {
    String id = slug(label);
    if (find(id).isPresent()) {
      throw Problem.conflict("name", "a model with id '" + id + "' exists; choose another name");
    }
    return id;
  }

  private static URI requireHttpUrl(String url) {
    if (url == null || url.isBlank()) {
      throw Problem.invalid("url", "missing");
    }
    try {
      URI u = new URI(url.strip());
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw Problem.invalid("url", "expected an http(s) URL such as http://gpu-box:8000/v1");
      }
      return u;
    } catch (URISyntaxException e) {
      throw Problem.invalid("url", "not a URL: " + e.getMessage());
    }
  }

  /** A registry id from a display name: lowercase letters, digits and '-', at most 48. */
  static String slug(String name) {
    String s =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > 48) {
      s = s.substring(0, 48).replaceAll("-+$", "");
    }
    return s.isEmpty() ? "model" : s;
  }

  /** {@code ****} plus at most the last 4 characters of a key long enough to keep them secret. */
  static String mask(String key) {
    if (key == null) {
      return null;
    }
    return key.length() >= 16 ? "****" + key.substring(key.length() - 4) : "****";
  }

  private static ModelView view(ResultSet rs) throws SQLException {
    String kind = rs.getString("kind");
    String path = rs.getString("path");
    String preset = rs.getString("preset_id");
    String url = rs.getString("url");
    String served = rs.getString("served_name");
    String spec = ModelView.LOCAL.equals(kind) ? path : preset + "@" + url + "#" + served;
    Map<String, String> hashes = Map.of();
    String hashesJson = rs.getString("file_hashes");
    if (hashesJson != null) {
      try {
        hashes = JSON.readValue(hashesJson, new TypeReference<Map<String, String>>() {});
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("bad file_hashes of model " + rs.getString("id"), e);
      }
    }
    long parameters = rs.getLong("parameters");
    Long params = rs.wasNull() ? null : parameters;
    long size = rs.getLong("size_bytes");
    Long sizeBytes = rs.wasNull() ? null : size;
    return new ModelView(
        rs.getString("id"),
        rs.getString("name"),
        kind,
        path,
        preset,
        url,
        served,
        mask(rs.getString("api_key")),
        spec,
        rs.getString("architecture"),
        params,
        sizeBytes,
        rs.getString("hash_status"),
        hashes,
        rs.getBoolean("discovered"),
        rs.getString("created_by"),
        Jdbc.instant(rs, "created_at"));
  }
}
