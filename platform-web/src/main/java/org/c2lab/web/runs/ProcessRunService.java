package org.c2lab.web.runs;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.NoSuchRunException;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.Principal;
import org.c2lab.web.cli.C2Home;
import org.c2lab.web.store.JdbcRunStore;
import org.c2lab.web.store.RunStoreFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab server's {@link RunService}: a job queue in the database whose runs execute as child
 * processes ({@link QueueLaunch}) in lanes ({@code cpu}, {@code remote}, {@code cuda:N}), highest
 * priority first and FIFO within a priority, after the runs they depend on succeeded. One scheduler
 * thread polls the children every {@link QueueSettings#getPollInterval()}: it reads their progress
 * lines, imports their results into the {@link RunStore} ({@link ResultImporter}) and notices their
 * exit. When the server starts, runs that were running are queued again to continue with {@code
 * --resume}; queued runs stay queued.
 */
@Singleton
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = {RunStore.class, DataSource.class, AuditLog.class})
public class ProcessRunService implements RunService {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessRunService.class);
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final long NOTIFY_INTERVAL_NANOS = 500_000_000L;

  private final RunStore store;
  private final QueueRepository queue;
  private final AuditLog audit;
  private final QueueSettings settings;
  private final Path home;
  private final RunValidator validator;
  private final QueueLaunch launch;
  private final ResultImporter importer;
  private final Object lock = new Object();
  private final Map<String, QueuedRun> runs = new LinkedHashMap<>();
  private final Map<String, RunningChild> children = new HashMap<>();
  private final List<Consumer<RunView>> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;
  private volatile boolean abandoned;

  public ProcessRunService(
      RunStore store,
      DataSource dataSource,
      AuditLog audit,
      QueueSettings settings,
      @Value("${c2.home:}") String home) {
    this.store = store;
    this.queue = new QueueRepository(dataSource);
    this.audit = audit;
    this.settings = settings;
    this.home = home == null || home.isBlank() ? C2Home.root() : Path.of(home).toAbsolutePath();
    Path cwd = Path.of("").toAbsolutePath();
    this.validator = new RunValidator(cwd, this.home.resolve("models"));
    this.launch = new QueueLaunch(this.home, cwd, settings.getJavaOptions());
    this.importer = new ResultImporter(store);
  }

  /** Loads the queue, re-queues what was running when the server stopped, starts scheduling. */
  @PostConstruct
  void start() {
    synchronized (lock) {
      for (QueuedRun r : queue.loadAll()) {
        runs.put(r.id, r);
        if (r.status == JobStatus.RUNNING) {
          RunningChild.stopLeftOver(r.id, r.pid, r.pidStartedMs);
          r.status = JobStatus.QUEUED;
          r.resume = true;
          r.pid = null;
          r.pidStartedMs = null;
          r.message = "continuing after a server restart";
          store.updateStatus(r.id, JobStatus.QUEUED);
        }
        if (!r.status.isTerminal()) {
          try {
            importer.reconcile(r, out(r.id));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          queue.update(r);
        }
      }
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            t -> {
              Thread thread = new Thread(t, "c2-queue");
              thread.setDaemon(true);
              return thread;
            });
    long every = settings.getPollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::tickSafely, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Instantiating the bean at start-up is what starts the queue. */
  @EventListener
  void onStartup(StartupEvent event) {
    LOG.debug("job queue started in {}", home);
  }

  /**
   * Stops scheduling; running children get SIGTERM (they keep their completed work) and are queued
   * again to continue when the server next starts.
   */
  @PreDestroy
  void stop() {
    if (abandoned) {
      return;
    }
    abandon();
    synchronized (lock) {
      for (Map.Entry<String, RunningChild> e : children.entrySet()) {
        e.getValue().process.destroy();
      }
      for (Map.Entry<String, RunningChild> e : children.entrySet()) {
        try {
          e.getValue().process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        QueuedRun r = runs.get(e.getKey());
        poll(r, e.getValue(), false);
        r.status = JobStatus.QUEUED;
        r.resume = true;
        r.pid = null;
        r.pidStartedMs = null;
        r.message = "continuing when the server restarts";
        store.updateStatus(r.id, JobStatus.QUEUED);
        queue.update(r);
      }
      children.clear();
    }
  }

  /**
   * Stops the scheduler thread only, leaving children and the database as they are, as a crash
   * would (for tests of the restart); a later {@link #stop} does nothing.
   */
  void abandon() {
    abandoned = true;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public List<ParameterSpec> parameters(RunKind kind) {
    return RunParameters.of(kind);
  }

  @Override
  public RunView submit(RunRequest request, Principal who) {
    if (!who.role().canLaunch()) {
      throw new RunPermissionException(who.username() + " may not launch runs (viewer)");
    }
    if (request.name().length() > 256) {
      throw new RunValidationException("name", "at most 256 characters");
    }
    synchronized (lock) {
      for (String dep : request.dependsOn()) {
        if (!runs.containsKey(dep)) {
          throw new RunValidationException("dependsOn", "no run " + dep);
        }
      }
      Map<String, String> params =
          validator.validate(request, request.dependsOn().stream().map(this::runDir).toList());
      String id = newId(request.kind());
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      store.createRun(id, request.kind().id(), QueueRepository.json(params));
      Instant created = store.getRun(id).map(rec -> rec.createdAt()).orElse(now);
      QueuedRun r =
          new QueuedRun(
              id,
              queue.nextSeq(),
              who.username(),
              request.name(),
              request.kind(),
              request.priority(),
              QueueLaunch.lane(request.kind(), params),
              params,
              request.dependsOn(),
              created);
      r.argv = QueueLaunch.arguments(r.kind, params, runDir(id), false);
      try {
        queue.insert(r);
      } catch (RuntimeException e) {
        if (store instanceof JdbcRunStore jdbc) {
          jdbc.deleteRun(id); // no run without its queue row
        }
        throw e;
      }
      runs.put(id, r);
      audit.record(who, "run.launch", id, String.join(" ", r.view().commandLine()));
      RunView view = r.view();
      notifyAll(view);
      return view;
    }
  }

  private String newId(RunKind kind) {
    String time = LocalDateTime.now(ZoneOffset.UTC).format(ID_TIME);
    while (true) {
      String id =
          kind.id()
              + "-"
              + time
              + "-"
              + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xefff));
      if (!runs.containsKey(id)) {
        return id;
      }
    }
  }

  @Override
  public Page<RunView> list(PageRequest page) {
    synchronized (lock) {
      List<RunView> all =
          runs.values().stream()
              .sorted(
                  Comparator.comparing((QueuedRun r) -> r.createdAt)
                      .reversed()
                      .thenComparing(r -> r.seq, Comparator.reverseOrder()))
              .map(QueuedRun::view)
              .toList();
      return Page.of(all, page);
    }
  }

  @Override
  public Optional<RunView> get(String id) {
    synchronized (lock) {
      return Optional.ofNullable(runs.get(id)).map(QueuedRun::view);
    }
  }

  @Override
  public RunView cancel(String id, Principal who) {
    synchronized (lock) {
      QueuedRun r = require(id);
      checkOwnerOrAdmin(r, who, "cancel");
      if (r.status.isTerminal()) {
        throw new RunStateException("run " + id + " has already ended (" + r.status + ")");
      }
      RunningChild child = children.get(id);
      if (child == null) {
        finish(r, JobStatus.CANCELLED, "cancelled by " + who.username());
      } else {
        child.cancelRequested = true;
        r.message = "cancelling";
        child.process.destroy(); // SIGTERM: the job keeps its completed work and exits
        queue.update(r);
      }
      audit.record(who, "run.cancel", id, r.status.name());
      RunView view = r.view();
      notifyAll(view);
      return view;
    }
  }

  @Override
  public void delete(String id, Principal who) {
    synchronized (lock) {
      QueuedRun r = require(id);
      checkOwnerOrAdmin(r, who, "delete");
      if (!r.status.isTerminal()) {
        throw new RunStateException("run " + id + " is " + r.status + ": cancel it first");
      }
      QueueLaunch.deleteTree(runDir(id));
      if (store instanceof JdbcRunStore jdbc) {
        jdbc.deleteRun(id);
      }
      runs.remove(id);
      audit.record(who, "run.delete", id, r.kind.id() + " " + r.name);
    }
  }

  @Override
  public List<MetricPoint> metrics(String id) {
    require(id);
    List<MetricPoint> all = new ArrayList<>();
    for (PageRequest p = PageRequest.first(PageRequest.MAX_LIMIT); ; p = p.next()) {
      Page<MetricPoint> page = store.metrics(id, p);
      all.addAll(page.items());
      if (!page.hasMore()) {
        return all;
      }
    }
  }

  @Override
  public Page<SampleRecord> samples(String id, PageRequest page) {
    require(id);
    return store.samples(id, page);
  }

  @Override
  public List<String> log(String id, int lines) {
    require(id);
    Path file = runDir(id).resolve(QueueLaunch.LOG);
    if (!Files.isRegularFile(file) || lines <= 0) {
      return List.of();
    }
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Path> files(String id) {
    require(id);
    try {
      return QueueLaunch.files(runDir(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Path directory(String id) {
    require(id);
    return runDir(id);
  }

  @Override
  public AutoCloseable subscribe(Consumer<RunView> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** The process id of the run's child while it runs. */
  Optional<Long> pid(String id) {
    synchronized (lock) {
      return Optional.ofNullable(require(id).pid);
    }
  }

  /** The folder where the queue keeps runs: {@code $C2_HOME/runs}. */
  public Path runsRoot() {
    return home.resolve("runs");
  }

  /** {@code $C2_HOME}, as this server uses it. */
  public Path home() {
    return home;
  }

  private Path runDir(String id) {
    return runsRoot().resolve(id);
  }

  private Path out(String id) {
    return runDir(id).resolve("out");
  }

  private QueuedRun require(String id) {
    synchronized (lock) {
      QueuedRun r = runs.get(id);
      if (r == null) {
        throw new NoSuchRunException(id);
      }
      return r;
    }
  }

  private static void checkOwnerOrAdmin(QueuedRun r, Principal who, String action) {
    boolean own = r.owner.equals(who.username()) && who.role().canLaunch();
    if (!own && !who.role().canAdminister()) {
      throw new RunPermissionException(
          who.username() + " may not " + action + " run " + r.id + " of " + r.owner);
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.error("job queue: scheduling failed", e);
    }
  }

  /** One scheduling round: watch children, settle dependencies, start what fits. */
  void tick() {
    synchronized (lock) {
      for (Map.Entry<String, RunningChild> e : List.copyOf(children.entrySet())) {
        QueuedRun r = runs.get(e.getKey());
        RunningChild child = e.getValue();
        boolean exited = !child.process.isAlive();
        poll(r, child, exited);
        if (exited) {
          children.remove(r.id);
          int code = child.process.exitValue();
          if (child.cancelRequested || code == 130) {
            finish(r, JobStatus.CANCELLED, child.cancelRequested ? null : "cancelled (exit 130)");
          } else if (code == 0) {
            finish(r, JobStatus.SUCCEEDED, null);
          } else {
            finish(r, JobStatus.FAILED, failure(r.id, code));
          }
        }
      }
      if (!settings.isLaunch()) {
        return;
      }
      Map<String, Integer> busy = new HashMap<>();
      children.keySet().forEach(id -> busy.merge(runs.get(id).lane, 1, Integer::sum));
      // dependency checks first: a run whose dependency failed fails even while its lane is busy
      List<QueuedRun> ready =
          runs.values().stream()
              .filter(r -> r.status == JobStatus.QUEUED && dependenciesMet(r))
              .toList();
      for (QueuedRun r : Scheduling.next(ready, busy, settings, x -> true)) {
        launch(r);
      }
    }
  }

  /** True when all dependencies succeeded; fails {@code r} when one cannot succeed any more. */
  private boolean dependenciesMet(QueuedRun r) {
    for (String dep : r.dependsOn) {
      QueuedRun d = runs.get(dep);
      if (d == null) {
        finish(r, JobStatus.FAILED, "dependency " + dep + " was deleted");
        return false;
      }
      if (d.status == JobStatus.FAILED || d.status == JobStatus.CANCELLED) {
        finish(
            r,
            JobStatus.FAILED,
            "dependency " + dep + " " + d.status.name().toLowerCase(java.util.Locale.ROOT));
        return false;
      }
      if (d.status != JobStatus.SUCCEEDED) {
        return false;
      }
    }
    return true;
  }

  private void launch(QueuedRun r) {
    Path dir = runDir(r.id);
    boolean resume = r.resume && QueueLaunch.canResume(r.kind, out(r.id));
    r.argv = QueueLaunch.arguments(r.kind, r.params, dir, resume);
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve(QueueLaunch.LOG);
      long logOffset = Files.exists(log) ? Files.size(log) : 0;
      Process p = launch.start(dir, r.argv);
      children.put(r.id, new RunningChild(p, logOffset));
      r.pid = p.pid();
      r.pidStartedMs = RunningChild.startedMs(p.toHandle()).orElse(null);
      r.status = JobStatus.RUNNING;
      r.startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      r.finishedAt = null;
      r.error = null;
      r.message = resume ? "resuming" : "starting";
      store.updateStatus(r.id, JobStatus.RUNNING);
      queue.update(r);
      notifyAll(r.view());
    } catch (IOException | RuntimeException e) {
      LOG.warn("job queue: cannot start run {}", r.id, e);
      finish(r, JobStatus.FAILED, "cannot start: " + e.getMessage());
    }
  }

  /** Reads new progress lines and imports new results; notifies at most twice a second. */
  private void poll(QueuedRun r, RunningChild child, boolean exited) {
    boolean changed = false;
    try {
      Optional<ProgressReport> progress = child.readProgress(runDir(r.id).resolve(QueueLaunch.LOG));
      if (progress.isPresent()) {
        ProgressReport p = progress.get();
        r.done = p.done();
        r.total = p.total();
        r.etaSeconds = p.etaSeconds();
        r.message = p.message();
        changed = true;
      }
      changed |= importer.importNew(r, out(r.id), exited, exited && exitCode(child) == 0);
    } catch (IOException | RuntimeException e) {
      LOG.warn("job queue: cannot read the output of run {}", r.id, e);
    }
    if (changed) {
      queue.update(r);
      child.pending = true;
    }
    long now = System.nanoTime();
    if (child.pending && now - child.lastNotify >= NOTIFY_INTERVAL_NANOS) {
      child.pending = false;
      child.lastNotify = now;
      notifyAll(r.view());
    }
  }

  private static int exitCode(RunningChild child) {
    return child.process.isAlive() ? -1 : child.process.exitValue();
  }

  private void finish(QueuedRun r, JobStatus status, String error) {
    r.status = status;
    r.error = error;
    r.pid = null;
    r.pidStartedMs = null;
    r.etaSeconds = null;
    r.resume = false;
    r.finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (status == JobStatus.SUCCEEDED && r.total > 0) {
      r.done = r.total;
    }
    store.updateStatus(r.id, status);
    queue.update(r);
    notifyAll(r.view());
  }

  /** The child's last {@code error:} line, else its exit code. */
  private String failure(String id, int code) {
    List<String> tail = log(id, 40);
    for (int i = tail.size() - 1; i >= 0; i--) {
      String line = tail.get(i);
      if (line.startsWith("error:") || line.contains("Exception:")) {
        return line.length() > 2000 ? line.substring(0, 2000) : line;
      }
    }
    return "exited with code " + code + " (see log.txt)";
  }

  private void notifyAll(RunView view) {
    for (Consumer<RunView> l : listeners) {
      try {
        l.accept(view);
      } catch (RuntimeException e) {
        LOG.warn("job queue: a run listener failed", e);
      }
    }
  }
}
