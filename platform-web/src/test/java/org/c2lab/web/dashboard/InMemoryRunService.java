package org.c2lab.web.dashboard;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.web.account.Principal;
import org.c2lab.web.runs.ParameterSpec;
import org.c2lab.web.runs.ProcessRunService;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunRequest;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunValidationException;
import org.c2lab.web.runs.RunView;

/**
 * A test {@link RunService}: runs in memory whose state the test sets ({@link #put}, {@link
 * #addSamples}, ...), listeners told of every change, required parameters checked on submit. Exists
 * only in the {@value #ENVIRONMENT} environment, so it never meets the real service.
 */
@Singleton
@Requires(env = InMemoryRunService.ENVIRONMENT)
@Replaces(ProcessRunService.class)
public class InMemoryRunService implements RunService {
  /** The Micronaut environment of the dashboard's tests. */
  public static final String ENVIRONMENT = "dashboard-test";

  private final Map<String, RunView> runs = new ConcurrentHashMap<>();
  private final Map<String, List<MetricPoint>> metrics = new ConcurrentHashMap<>();
  private final Map<String, List<SampleRecord>> samples = new ConcurrentHashMap<>();
  private final Map<String, List<String>> logs = new ConcurrentHashMap<>();
  private final List<Consumer<RunView>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Path root;

  public InMemoryRunService() {
    try {
      root = Files.createTempDirectory("c2-dashboard-runs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<ParameterSpec> parameters(RunKind kind) {
    return TestRuns.parameters(kind);
  }

  @Override
  public RunView submit(RunRequest request, Principal who) {
    for (ParameterSpec p : parameters(request.kind())) {
      if (p.required() && request.params().getOrDefault(p.name(), "").isBlank()) {
        throw new RunValidationException(p.name(), "required");
      }
    }
    String id = request.kind().id() + "-" + ids.incrementAndGet();
    RunView run =
        TestRuns.view(
            id, request.kind(), request.name(), who.username(), JobStatus.QUEUED, request.params());
    put(run);
    return run;
  }

  /** Adds or replaces {@code run} and tells the listeners. */
  public void put(RunView run) {
    runs.put(run.id(), run);
    listeners.forEach(l -> l.accept(run));
  }

  /** The run with its progress set, stored and announced. */
  public RunView progress(String id, long done, long total, Duration eta, String message) {
    RunView r = runs.get(id);
    RunView next =
        new RunView(
            r.id(),
            r.kind(),
            r.name(),
            r.owner(),
            JobStatus.RUNNING,
            r.priority(),
            r.lane(),
            r.params(),
            r.commandLine(),
            done,
            total,
            eta,
            message,
            r.createdAt(),
            r.startedAt() == null ? Instant.now() : r.startedAt(),
            null,
            null,
            r.dependsOn());
    put(next);
    return next;
  }

  public void addSamples(String id, List<SampleRecord> records) {
    samples.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).addAll(records);
  }

  public void addMetrics(String id, List<MetricPoint> points) {
    metrics.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).addAll(points);
  }

  public void addLog(String id, List<String> lines) {
    logs.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).addAll(lines);
  }

  @Override
  public Page<RunView> list(PageRequest page) {
    List<RunView> all =
        runs.values().stream().sorted(Comparator.comparing(RunView::createdAt).reversed()).toList();
    return Page.of(all, page);
  }

  @Override
  public Optional<RunView> get(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  @Override
  public RunView cancel(String id, Principal who) {
    RunView r = runs.get(id);
    RunView next =
        new RunView(
            r.id(),
            r.kind(),
            r.name(),
            r.owner(),
            JobStatus.CANCELLED,
            r.priority(),
            r.lane(),
            r.params(),
            r.commandLine(),
            r.done(),
            r.total(),
            null,
            "cancelled by " + who.username(),
            r.createdAt(),
            r.startedAt(),
            Instant.now(),
            null,
            r.dependsOn());
    put(next);
    return next;
  }

  @Override
  public void delete(String id, Principal who) {
    runs.remove(id);
  }

  @Override
  public List<MetricPoint> metrics(String id) {
    return List.copyOf(metrics.getOrDefault(id, List.of()));
  }

  @Override
  public Page<SampleRecord> samples(String id, PageRequest page) {
    return Page.of(samples.getOrDefault(id, List.of()), page);
  }

  @Override
  public List<String> log(String id, int lines) {
    List<String> all = logs.getOrDefault(id, List.of());
    return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public List<Path> files(String id) {
    Path dir = directory(id);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Path directory(String id) {
    return root.resolve(id);
  }

  @Override
  public AutoCloseable subscribe(Consumer<RunView> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Listeners now subscribed (views attached). */
  public int subscribers() {
    return listeners.size();
  }

  List<RunView> all() {
    return new ArrayList<>(runs.values());
  }
}
