package org.c2lab.web.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.c2lab.web.account.Role;

/**
 * Benchmark (not a test): the lab server's API under N concurrent clients (default 20) through the
 * public port, so Jetty's proxy to Netty is included. A child JVM runs the real {@link LabServer}
 * (temporary {@code $C2_HOME}, no demo, a queue that starts nothing, 127.0.0.1, free port) over a
 * seeded store: 300 C2-Eval runs with 200 metric points each and ~7,000 samples (every tenth run
 * 120, the others 12), and a 5,000-row C2-Syn pair dataset. This JVM runs the clients ({@link
 * ApiLoad}: own {@code java.net.http} client each, HTTP/1.1, loopback only, the route mix of {@link
 * ApiLoad.Route}), first for a warm-up, then for the measured time; every answer is checked. Prints
 * throughput, latency percentiles per route and overall, unexpected answers, and the server JVM's
 * peak RSS, peak heap in use and CPU time. Usage: {@code ApiLoadBenchmark [SECONDS=30] [CLIENTS=20]
 * [WARMUP_SECONDS=10]}; the server JVM gets the options of {@code -Dload.server-java-options="..."}
 * (default none: the heap defaults, as {@code ./c2 serve}).
 */
public final class ApiLoadBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final ApiLoad.Size SIZE = new ApiLoad.Size(300, 100, 120, 5000);
  static final int ACCOUNTS = 20;

  private ApiLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--server")) {
      server(Integer.parseInt(args[1]));
      return;
    }
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int clientCount = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String options = System.getProperty("load.server-java-options", "").strip();
    if (!options.isEmpty()) {
      command.addAll(List.of(options.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ApiLoadBenchmark.class.getName(),
            "--server",
            Integer.toString(clientCount)));
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    PrintStream in = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
    try {
      JsonNode ready = JSON.readTree(awaitLine(out, "LOAD-READY "));
      URI base = URI.create(ready.get("uri").asText());
      List<String> runIds = new ArrayList<>();
      ready.get("runIds").forEach(n -> runIds.add(n.asText()));
      Map<String, Long> queries = new LinkedHashMap<>();
      ready
          .get("queries")
          .fields()
          .forEachRemaining(e -> queries.put(e.getKey(), e.getValue().asLong()));
      List<ApiLoad.Client> clients = new ArrayList<>();
      for (JsonNode c : ready.get("clients")) {
        clients.add(
            new ApiLoad.Client(
                c.get("username").asText(),
                Role.valueOf(c.get("role").asText()),
                c.get("token").asText()));
      }
      ApiLoad.Seeded seeded = new ApiLoad.Seeded(SIZE, runIds, queries);
      System.out.printf(
          Locale.ROOT,
          "server %s (pid %d): %d runs, %d metric points, %d samples, dataset %d rows; setup %s%n",
          base,
          child.pid(),
          SIZE.runs(),
          SIZE.metricPoints(),
          SIZE.samples(),
          SIZE.datasetRows(),
          ready.get("setup").asText());

      ApiLoad.Recorder warm = new ApiLoad.Recorder();
      ApiLoad.run(base, clients, seeded, 0, Duration.ofSeconds(warmup), warm);
      System.out.printf(
          Locale.ROOT,
          "warm-up: %d s, %d requests, %d unexpected%n",
          warmup,
          warm.requests(),
          warm.problemCount);

      JsonNode before = stats(in, out);
      long cpuBefore = processCpuNanos();
      double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      ApiLoad.Recorder rec = new ApiLoad.Recorder();
      long wall = ApiLoad.run(base, clients, seeded, 0, Duration.ofSeconds(seconds), rec);
      long clientCpu = processCpuNanos() - cpuBefore;
      double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      JsonNode after = stats(in, out);
      report(rec, wall, clients.size(), seconds, before, after, clientCpu, loadBefore, loadAfter);
      in.println("stop");
      child.waitFor(30, TimeUnit.SECONDS);
    } finally {
      child.destroy();
    }
  }

  private static void report(
      ApiLoad.Recorder rec,
      long wallNanos,
      int clients,
      int seconds,
      JsonNode before,
      JsonNode after,
      long clientCpuNanos,
      double loadBefore,
      double loadAfter) {
    double wall = wallNanos / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%n%d clients, %d s (wall %.1f s): %d requests, %.1f req/s, %d unexpected answers%n",
        clients,
        seconds,
        wall,
        rec.requests(),
        rec.requests() / wall,
        rec.problemCount);
    rec.problems.forEach(p -> System.out.println("  unexpected: " + p));
    System.out.println();
    System.out.println("| route | requests | req/s | p50 ms | p95 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (ApiLoad.Route route : ApiLoad.Route.values()) {
      row("`" + route.label + "`", rec.sorted(route), wall);
    }
    row("**all**", rec.sorted(null), wall);
    double serverCpu = (after.get("cpuNanos").asLong() - before.get("cpuNanos").asLong()) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%nserver JVM: peak RSS (VmHWM) %d MB, RSS at the end %d MB, peak heap in use %d MB"
            + " (max heap %d MB), %d GCs / %d ms during the run, CPU %.1f s of %.1f s"
            + " (%.0f%% of 2 cores), %d threads%n",
        after.get("vmHwmMb").asLong(),
        after.get("vmRssMb").asLong(),
        after.get("heapPeakMb").asLong(),
        after.get("heapMaxMb").asLong(),
        after.get("gcCount").asLong() - before.get("gcCount").asLong(),
        after.get("gcMs").asLong() - before.get("gcMs").asLong(),
        serverCpu,
        wall,
        100 * serverCpu / wall / 2,
        after.get("threads").asLong());
    System.out.printf(
        Locale.ROOT,
        "client JVM: CPU %.1f s (%.0f%% of 2 cores); load average %.2f before, %.2f after%n",
        clientCpuNanos / 1e9,
        100 * clientCpuNanos / 1e9 / wall / 2,
        loadBefore,
        loadAfter);
  }

  private static void row(String label, long[] sorted, double wall) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
        label,
        sorted.length,
        sorted.length / wall,
        ApiLoad.Recorder.percentileMs(sorted, 50),
        ApiLoad.Recorder.percentileMs(sorted, 95),
        ApiLoad.Recorder.percentileMs(sorted, 99),
        ApiLoad.Recorder.percentileMs(sorted, 100));
  }

  private static JsonNode stats(PrintStream in, BufferedReader out) throws Exception {
    in.println("stats");
    return JSON.readTree(awaitLine(out, "LOAD-STATS "));
  }

  /** The rest of the child's next stdout line with this prefix; other lines are passed through. */
  private static String awaitLine(BufferedReader out, String prefix) throws Exception {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
      System.out.println("[server] " + line);
    }
    throw new IllegalStateException("the server JVM ended before printing " + prefix.strip());
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The server JVM: seeds, serves, answers "stats" on stdin, stops on "stop" or end of input. */
  private static void server(int clientCount) throws Exception {
    long t0 = System.nanoTime();
    Path home = Files.createTempDirectory("c2-home-load");
    Map<String, Long> queries = ApiLoad.writeFiles(home, SIZE.datasetRows());
    AtomicLong heapPeak = new AtomicLong();
    CompletableFuture.runAsync(
        () -> {
          var memory = ManagementFactory.getMemoryMXBean();
          while (true) {
            heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
    try (LabServer server =
        LabServer.start(
            new LabServerOptions("127.0.0.1", 0, List.of(), ApiLoad.properties(home)))) {
      long started = System.nanoTime();
      List<ApiLoad.Client> clients =
          ApiLoad.clients(server, clientCount, Math.min(ACCOUNTS, clientCount));
      long accounts = System.nanoTime();
      List<String> runIds = ApiLoad.seedRuns(server, clients, SIZE, home);
      long seeded = System.nanoTime();
      ObjectNode ready = JSON.createObjectNode();
      ready.put("uri", server.uri().toString());
      ready.set("runIds", JSON.valueToTree(runIds));
      ready.set("queries", JSON.valueToTree(queries));
      ready.set("clients", JSON.valueToTree(clients));
      ready.put(
          "setup",
          String.format(
              Locale.ROOT,
              "start %.1f s, %d accounts %.1f s, seeding %.1f s",
              (started - t0) / 1e9,
              Math.min(ACCOUNTS, clientCount),
              (accounts - started) / 1e9,
              (seeded - accounts) / 1e9));
      System.out.println("LOAD-READY " + ready);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null && !line.equals("stop"); ) {
        if (line.equals("stats")) {
          ObjectNode s = JSON.createObjectNode();
          Map<String, Long> status = procStatus();
          s.put("vmHwmMb", status.getOrDefault("VmHWM", -1L) / 1024);
          s.put("vmRssMb", status.getOrDefault("VmRSS", -1L) / 1024);
          s.put("heapPeakMb", heapPeak.get() >> 20);
          s.put("heapMaxMb", Runtime.getRuntime().maxMemory() >> 20);
          long gcCount = 0;
          long gcMs = 0;
          for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += gc.getCollectionCount();
            gcMs += gc.getCollectionTime();
          }
          s.put("gcCount", gcCount);
          s.put("gcMs", gcMs);
          s.put("cpuNanos", processCpuNanos());
          s.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
          System.out.println("LOAD-STATS " + s);
        }
      }
    } finally {
      try (var paths = Files.walk(home)) { // the temporary $C2_HOME, deepest first
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The kB values of /proc/self/status (VmHWM, VmRSS, ...). */
  private static Map<String, Long> procStatus() throws Exception {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.endsWith(" kB")) {
        values.put(line.substring(0, colon), Long.parseLong(line.replaceAll("\\D", "")));
      }
    }
    return values;
  }
}
