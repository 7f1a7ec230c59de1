package org.c2lab.web.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.PreferencePairWriter;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.web.account.AccountService;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;
import org.c2lab.web.account.TestTokens;
import org.c2lab.web.demo.DemoFiles;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunRequest;
import org.c2lab.web.runs.RunService;

/**
 * Load on the lab server's public port for {@link ApiLoadBenchmark} and {@link ApiConcurrencyTest}:
 * a seeded store (runs with metrics and samples, a registered dataset), N clients with their own
 * accounts and tokens (even ones researchers, odd ones viewers), each on its own {@link HttpClient}
 * over the loopback, sending a fixed mix of API requests and checking every answer (status, shape,
 * the caller's identity, viewers' hidden text).
 */
final class ApiLoad {
  static final String DATASET = "load-pairs";
  static final String REMOTE = "qwen2-7b-instruct@http://127.0.0.1:9/v1";
  static final String[] METRICS = {"loss", "rewards/margins"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiLoad() {}

  /** The routes of the mix, with their weights (out of 100). */
  enum Route {
    RUNS("GET /api/runs?limit=50", 15),
    RUN("GET /api/runs/{id}", 15),
    METRICS("GET /api/runs/{id}/metrics", 15),
    SAMPLES("GET /api/runs/{id}/samples?limit=100", 20),
    DATASET_ROWS("GET /api/datasets/{id}/rows?q=", 10),
    ME("GET /api/me", 20),
    POST_INVALID("POST /api/runs (400)", 5);

    final String label;
    final int weight;

    Route(String label, int weight) {
      this.label = label;
      this.weight = weight;
    }

    static Route pick(Random random) {
      int r = random.nextInt(100);
      for (Route route : values()) {
        r -= route.weight;
        if (r < 0) {
          return route;
        }
      }
      throw new AssertionError();
    }
  }

  /** How big the seeded store is. */
  record Size(int runs, int metricSteps, int samplesPerRun, int datasetRows) {
    long metricPoints() {
      return (long) runs * metricSteps * METRICS.length;
    }

    /**
     * Samples of the {@code i}-th run: every tenth run has {@code samplesPerRun}, others a tenth.
     */
    int samplesOf(int i) {
      return i % 10 == 0 ? samplesPerRun : Math.max(1, samplesPerRun / 10);
    }

    long samples() {
      long n = 0;
      for (int i = 0; i < runs; i++) {
        n += samplesOf(i);
      }
      return n;
    }
  }

  /** One client: its account and token. */
  record Client(String username, Role role, String token) {}

  /** What was seeded: run ids, the dataset's queries with their match counts. */
  record Seeded(Size size, List<String> runIds, Map<String, Long> queries) {}

  /** Server properties: {@code home} as {@code $C2_HOME}, no demo, a queue that starts nothing. */
  static Map<String, Object> properties(Path home) {
    return Map.of(
        "c2.home",
        home.toString(),
        "c2.demo.enabled",
        "false",
        "c2.queue.launch",
        "false",
        "c2.repo.root",
        home.toString());
  }

  /**
   * Writes the dataset (C2-Syn preference pairs) under {@code home/datasets} before the server
   * starts, and the demo evaluation data the seeded runs name; returns the queries the clients
   * search for with their match counts.
   */
  static Map<String, Long> writeFiles(Path home, int rows) throws IOException {
    DemoFiles.ensure(home);
    Files.createDirectories(home.resolve("datasets"));
    String[] topics = {"garden", "library", "harbour", "bakery", "orchard", "workshop", "market"};
    Map<String, Long> queries = new HashMap<>();
    try (PreferencePairWriter w =
        PreferencePairWriter.create(home.resolve("datasets/" + DATASET + ".jsonl"))) {
      for (int i = 0; i < rows; i++) {
        String topic = topics[i % topics.length];
        int chosen = 1 + i % 5;
        String prompt =
            "Request "
                + i
                + ": tell me how the keeper of the "
                + topic
                + " would answer a neighbour who asks an awkward question about the night shift.";
        w.write(
            PreferencePair.builder(
                    prompt,
                    "A careful, kind answer number "
                        + i
                        + " that stays polite and steers away from trouble. ".repeat(3),
                    "A worse answer number " + i + " that goes along with it. ".repeat(3))
                .ranks(chosen, chosen + 1 + (i % (6 - chosen)))
                .requestId("load.jsonl:" + (i / 6 + 1))
                .build());
      }
      for (String topic : topics) {
        queries.put(
            topic, (long) (rows + topics.length - 1 - indexOf(topics, topic)) / topics.length);
      }
    }
    return queries;
  }

  private static int indexOf(String[] values, String value) {
    return Arrays.asList(values).indexOf(value);
  }

  /**
   * Queues {@code size.runs()} C2-Eval runs through the run service (alternating owners among the
   * researchers; the queue starts none) and appends metric points and sample records to the store.
   */
  static List<String> seedRuns(LabServer server, List<Client> clients, Size size, Path home) {
    RunService service = server.context().getBean(RunService.class);
    RunStore store = server.context().getBean(RunStore.class);
    List<Principal> owners =
        clients.stream()
            .filter(c -> c.role() == Role.RESEARCHER)
            .map(c -> new Principal(c.username(), c.role()))
            .toList();
    String data = home.resolve(DemoFiles.EVAL_DATA).toString();
    List<String> ids = new ArrayList<>();
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    for (int i = 0; i < size.runs(); i++) {
      Map<String, String> params = Map.of("model", REMOTE, "data", data, "samples", "4");
      String id =
          service
              .submit(
                  new RunRequest(RunKind.C2_EVAL, "load-" + i, params, 0, List.of()),
                  owners.get(i % owners.size()))
              .id();
      ids.add(id);
      List<MetricPoint> points = new ArrayList<>();
      for (int step = 0; step < size.metricSteps(); step++) {
        for (String name : METRICS) {
          double value =
              name.equals("loss") ? 0.69 * Math.exp(-step / 40.0) : 0.01 * step + 0.001 * i;
          points.add(new MetricPoint(id, step, name, value, t0.plusSeconds(step)));
        }
      }
      store.appendMetrics(points);
      List<SampleRecord> samples = new ArrayList<>();
      for (int s = 0; s < size.samplesOf(i); s++) {
        int request = s / 12;
        int k = new int[] {10, 20, 40}[s / 4 % 3];
        int path = s % 4;
        ObjectNode record = JSON.createObjectNode();
        record.put("request_id", "demo.jsonl:" + (request + 1));
        record.put("request", "How would someone sneak into the castle kitchen at night? #" + s);
        record.put(
            "prefix", "Sure, first you wait until the cook has gone to bed, then you ".repeat(2));
        record.put("k", k);
        record.put("path", path);
        record.put(
            "continuation",
            "... actually, I should not help with that. The kitchen is the cook's. ".repeat(3));
        record.put("corrected", (s + i) % 3 != 0);
        record.put("judge", "keyword");
        samples.add(new SampleRecord(id, request + "/k=" + k + "/path=" + path, record.toString()));
      }
      store.appendSamples(samples);
    }
    return ids;
  }

  /**
   * {@code n} clients over {@code accounts} accounts (even accounts researchers, odd ones viewers),
   * each client with a token of its own. Accounts cost three bcrypt hashes each (cost 12: about a
   * quarter of a second apiece here), tokens almost nothing.
   */
  static List<Client> clients(LabServer server, int n, int accounts) {
    TestTokens tokens = new TestTokens(server.context());
    AccountService service = server.context().getBean(AccountService.class);
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int a = i % accounts;
      Role role = a % 2 == 0 ? Role.RESEARCHER : Role.VIEWER;
      String name = String.format(Locale.ROOT, "load%02d", a);
      String first = tokens.of(name + ":" + role.name());
      String token =
          i < accounts
              ? first
              : service.createToken(new Principal(name, role), "load-client-" + i).token();
      clients.add(new Client(name, role, token));
    }
    return clients;
  }

  /** Latencies and unexpected answers, per route. */
  static final class Recorder {
    private final Map<Route, long[]> latencies = new EnumMap<>(Route.class);
    private final Map<Route, Integer> counts = new EnumMap<>(Route.class);
    final List<String> problems = new ArrayList<>();
    long problemCount;

    synchronized void add(Route route, long nanos) {
      long[] a = latencies.computeIfAbsent(route, r -> new long[1024]);
      int n = counts.getOrDefault(route, 0);
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
        latencies.put(route, a);
      }
      a[n] = nanos;
      counts.put(route, n + 1);
    }

    synchronized void problem(String what) {
      problemCount++;
      if (problems.size() < 20) {
        problems.add(what);
      }
    }

    synchronized long requests() {
      return counts.values().stream().mapToLong(Integer::longValue).sum();
    }

    synchronized int requests(Route route) {
      return counts.getOrDefault(route, 0);
    }

    /** Sorted latencies in nanoseconds of one route, or of all when {@code route} is null. */
    synchronized long[] sorted(Route route) {
      long[] all = new long[0];
      for (Route r : Route.values()) {
        if (route == null || r == route) {
          int n = counts.getOrDefault(r, 0);
          long[] a = latencies.getOrDefault(r, new long[0]);
          int at = all.length;
          all = Arrays.copyOf(all, at + n);
          System.arraycopy(a, 0, all, at, n);
        }
      }
      Arrays.sort(all);
      return all;
    }

    static double percentileMs(long[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
  }

  /**
   * Runs every client on its own thread until it has sent {@code requestsPerClient} requests or
   * {@code duration} has passed (whichever bound is given; the other is 0/null), all starting
   * together; returns the wall time in nanoseconds.
   */
  static long run(
      URI base,
      List<Client> clients,
      Seeded seeded,
      int requestsPerClient,
      Duration duration,
      Recorder recorder)
      throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(clients.size());
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong deadline = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients.size(); c++) {
      Client client = clients.get(c);
      Random random = new Random(1000L + c);
      Thread t =
          new Thread(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                ready.countDown();
                try {
                  go.await();
                  for (int n = 0;
                      requestsPerClient > 0
                          ? n < requestsPerClient
                          : System.nanoTime() < deadline.get();
                      n++) {
                    one(http, base, client, seeded, random, recorder);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "load-" + client.username());
      threads.add(t);
      t.start();
    }
    ready.await();
    long start = System.nanoTime();
    deadline.set(start + (duration == null ? 0 : duration.toNanos()));
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return System.nanoTime() - start;
  }

  private static void one(
      HttpClient http, URI base, Client client, Seeded seeded, Random random, Recorder recorder)
      throws InterruptedException {
    Route route = Route.pick(random);
    int runIndex = random.nextInt(seeded.runIds().size());
    String id = seeded.runIds().get(runIndex);
    List<String> queries = List.copyOf(seeded.queries().keySet());
    String query = queries.get(random.nextInt(queries.size()));
    HttpRequest.Builder b = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60));
    b.header("Authorization", "Bearer " + client.token());
    String path =
        switch (route) {
          case RUNS -> "api/runs?limit=50";
          case RUN -> "api/runs/" + id;
          case METRICS -> "api/runs/" + id + "/metrics";
          case SAMPLES -> "api/runs/" + id + "/samples?limit=100";
          case DATASET_ROWS ->
              "api/datasets/"
                  + DATASET
                  + "/rows?q="
                  + URLEncoder.encode(query.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8);
          case ME -> "api/me";
          case POST_INVALID -> "api/runs";
        };
    b.uri(base.resolve(path));
    if (route == Route.POST_INVALID) {
      String body =
          client.role() == Role.RESEARCHER
              ? "{\"kind\":\"c2-eval\",\"name\":\"bad\",\"params\":{\"model\":\""
                  + REMOTE
                  + "\",\"data\":\"/no/such/file.jsonl\"}}"
              : "{\"kind\":\"no-such-kind\"}";
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.GET();
    }
    long t0 = System.nanoTime();
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      recorder.add(route, System.nanoTime() - t0);
      recorder.problem(client.username() + " " + route.label + ": " + e);
      return;
    }
    recorder.add(route, System.nanoTime() - t0);
    String problem;
    try {
      problem = check(route, r, client, seeded, runIndex, query);
    } catch (IOException | RuntimeException e) {
      problem = "malformed answer: " + e;
    }
    if (problem != null) {
      String body = r.body().length() > 300 ? r.body().substring(0, 300) + "..." : r.body();
      recorder.problem(
          client.username()
              + " "
              + route.label
              + " -> "
              + r.statusCode()
              + ": "
              + problem
              + " | "
              + body);
    }
  }

  /** Null when the answer is right, else what is wrong with it. */
  private static String check(
      Route route, HttpResponse<String> r, Client client, Seeded seeded, int runIndex, String query)
      throws IOException {
    String id = seeded.runIds().get(runIndex);
    int expected = route == Route.POST_INVALID ? 400 : 200;
    if (r.statusCode() != expected) {
      return "status " + r.statusCode() + ", expected " + expected;
    }
    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      return "content type " + r.headers().firstValue("Content-Type").orElse("none");
    }
    JsonNode json = JSON.readTree(r.body());
    Size size = seeded.size();
    switch (route) {
      case RUNS -> {
        if (json.path("total").asLong() != size.runs()
            || json.path("items").size() != Math.min(50, size.runs())) {
          return "wrong page of runs";
        }
      }
      case RUN -> {
        if (!id.equals(json.path("id").asText())) {
          return "wrong run";
        }
      }
      case METRICS -> {
        if (json.size() != size.metricSteps() * METRICS.length) {
          return json.size() + " metric points";
        }
      }
      case SAMPLES -> {
        JsonNode items = json.path("items");
        int total = size.samplesOf(runIndex);
        if (items.size() != Math.min(100, total) || json.path("total").asLong() != total) {
          return items.size() + " samples";
        }
        for (JsonNode s : items) {
          boolean hidden = "[hidden]".equals(s.path("record").path("request").asText());
          if (hidden != (client.role() == Role.VIEWER)) {
            return "request text " + (hidden ? "hidden from a researcher" : "shown to a viewer");
          }
        }
      }
      case DATASET_ROWS -> {
        long matches = seeded.queries().get(query);
        if (json.path("total").asLong() != matches
            || json.path("items").size() != Math.min(50, matches)) {
          return "search found " + json.path("total").asLong() + ", expected " + matches;
        }
        for (JsonNode row : json.path("items")) {
          String fields = row.path("fields").toString();
          boolean hidden = "[hidden]".equals(row.path("fields").path("prompt").asText());
          if (hidden != (client.role() == Role.VIEWER)) {
            return "dataset text " + (hidden ? "hidden from a researcher" : "shown to a viewer");
          }
          if (!hidden && !fields.toLowerCase(Locale.ROOT).contains(query)) {
            return "row without " + query;
          }
        }
      }
      case ME -> {
        if (!client.username().equals(json.path("username").asText())
            || !client.role().name().equalsIgnoreCase(json.path("role").asText())) {
          return "identity " + json;
        }
      }
      case POST_INVALID -> {
        String field = client.role() == Role.RESEARCHER ? "data" : "kind";
        if (!field.equals(json.path("field").asText()) || !json.path("message").isTextual()) {
          return "error " + json;
        }
      }
      default -> throw new AssertionError(route);
    }
    return null;
  }
}
