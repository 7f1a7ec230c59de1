package org.c2lab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.train.init.InitSpec;
import org.c2lab.train.init.ModelInitializer;
import org.c2lab.train.init.TemplateChoice;
import org.c2lab.train.model.ModelFamilies;
import org.c2lab.web.account.AccountService;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.dashboard.DashboardBrowser;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.server.LabServer;
import org.c2lab.web.server.LabServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Issue #6's browser test against the real lab server: headless Chromium signs in as the
 * first-start {@code admin} (one-time password, then a chosen one), launches two small C2-Eval runs
 * of a tiny random Llama from the New run page, watches each finish as a child process of the real
 * job queue, and compares them. The server runs in its {@code server} environment only (real
 * accounts, run store, queue and audit log on H2 under a temporary {@code C2_HOME}; no demo, no
 * test beans). Skipped when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing.
 * Screenshots: {@code target/screenshots/e2e-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabServerIT {
  /** A run's child JVM starts, loads DJL's PyTorch and evaluates: generous. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private static final String NEW_PASSWORD = "e2e-chosen-password-1";
  private static final String PRESET = "llama2-chat-7b";

  private Path home;
  private Path model;
  private Path data;
  private LabServer server;
  private DashboardBrowser browser;
  private String first;
  private String second;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(DashboardBrowser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
    home = Files.createTempDirectory("c2-home-e2e");
    Path repo = SharedFixtures.repoRoot();
    data = repo.resolve("datasets/demo/pku-format-demo.jsonl");
    model = tinyChatModel(repo.resolve("datasets/demo/tokenizer.json"), home.resolve("models/e2e"));
    server =
        LabServer.start(
            new LabServerOptions(
                "127.0.0.1",
                0,
                List.of(),
                Map.of(
                    "c2.home", home.toString(),
                    "c2.demo.enabled", "false",
                    "c2.configs", repo.resolve("configs").toString(),
                    "c2.repo.root", repo.toString(),
                    "c2.queue.poll-interval", "200ms",
                    // The children: offline DJL, a quick JIT, a bounded heap (2 shared cores).
                    "c2.queue.java-options",
                        List.of("-Dai.djl.offline=true", "-XX:TieredStopAtLevel=1", "-Xmx1g"))));
    browser = new DashboardBrowser(server.uri());
  }

  /**
   * A 1-layer random Llama with the demo's tokenizer and Llama-2's chat template (as {@code ./c2
   * model init --chat-template llama2-chat-7b}), which {@code eval c2} needs to render requests.
   */
  private static Path tinyChatModel(Path tokenizer, Path out) throws Exception {
    return ModelInitializer.write(
            InitSpec.builder()
                .family(ModelFamilies.byName("llama"))
                .shape(32, 1, 2, 2, 48)
                .maxPositions(2048)
                .tokenizer(tokenizer)
                .template(TemplateChoice.resolve(PRESET))
                .seed(1)
                .out(out)
                .build())
        .dir();
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void dashboardSendsAVisitorToLogin() {
    browser.open("");
    browser.waitFor(By.tagName("vaadin-login-form"));
    String url = browser.driver().getCurrentUrl();
    assertTrue(url.contains("login"), url);
    browser.screenshot("e2e-01-login");
  }

  @Test
  @Order(2)
  void firstStartAdminChoosesAPasswordAndReachesTheOverview() {
    String oneTime =
        server.context().getBean(AccountService.class).firstStartPassword().orElseThrow();
    browser
        .waitFor(By.cssSelector("vaadin-login-form input[name='username']"))
        .sendKeys(AccountService.FIRST_ADMIN);
    browser
        .driver()
        .findElement(By.cssSelector("vaadin-login-form input[name='password']"))
        .sendKeys(oneTime);
    browser.click(
        browser
            .driver()
            .findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")));
    browser.waitFor(By.id("set-password"));
    assertTrue(
        browser.driver().findElement(By.tagName("h3")).getText().contains("Choose a password"));
    browser.driver().findElement(By.cssSelector("#new-password input")).sendKeys(NEW_PASSWORD);
    browser
        .driver()
        .findElement(By.cssSelector("#new-password-again input"))
        .sendKeys(NEW_PASSWORD);
    browser.screenshot("e2e-02-choose-password");
    browser.click(browser.driver().findElement(By.id("set-password")));
    WebElement user = browser.waitFor(By.id("signed-in-user"));
    browser.waitForVaadin();
    assertTrue(user.getText().contains(AccountService.FIRST_ADMIN), user.getText());
    assertTrue(
        !server
            .context()
            .getBean(AccountService.class)
            .authenticate(AccountService.FIRST_ADMIN, NEW_PASSWORD)
            .mustChangePassword(),
        "the chosen password is the admin's now");
    browser.screenshot("e2e-03-overview");
  }

  @Test
  @Order(3)
  void launchesAC2EvalAndWatchesItSucceed() {
    first = launchEval(0, "e2e-04-new-run");
    watchUntilSucceeded(first, "e2e-05-run-succeeded");
  }

  @Test
  @Order(4)
  void launchesASecondC2EvalWithAnotherSeed() {
    second = launchEval(1, "e2e-06-new-run-seed-1");
    watchUntilSucceeded(second, "e2e-07-run-seed-1-succeeded");
  }

  @Test
  @Order(5)
  void comparesBothRuns() {
    browser.open("compare");
    WebElement input = browser.waitFor(By.cssSelector("#compare-runs input"));
    for (String id : List.of(first, second)) {
      browser.click(input);
      input.sendKeys(id);
      browser
          .until(
              d ->
                  d.findElements(By.cssSelector("vaadin-multi-select-combo-box-item")).stream()
                      .filter(e -> e.isDisplayed() && e.getText().strip().startsWith(id))
                      .findFirst()
                      .orElse(null))
          .click();
      input.sendKeys(Keys.ESCAPE);
      browser.waitForVaadin();
    }
    browser.screenshot("e2e-08-compare-picked");
    browser.click(browser.driver().findElement(By.id("compare-go")));
    browser.waitFor(By.cssSelector("c2-chart#chart-compare[rendered] canvas"));
    String table = browser.waitFor(By.id("compare-table")).getText();
    String cells =
        browser
            .driver()
            .findElements(By.cssSelector("vaadin-grid#compare-table vaadin-grid-cell-content"))
            .stream()
            .map(WebElement::getText)
            .reduce(table, (a, b) -> a + "\n" + b);
    assertTrue(cells.contains(first), cells);
    assertTrue(cells.contains(second), cells);
    assertTrue(cells.contains("Corr_mean"), cells);
    browser.screenshot("e2e-09-compare");
  }

  @Test
  @Order(6)
  void launchesAreAudited() {
    List<AuditLog.Entry> launches =
        server.context().getBean(AuditLog.class).list(PageRequest.first(100)).items().stream()
            .filter(e -> e.action().equals("run.launch"))
            .toList();
    assertEquals(2, launches.size(), launches.toString());
    assertEquals(
        List.of(first, second).stream().sorted().toList(),
        launches.stream().map(AuditLog.Entry::target).sorted().toList());
    assertTrue(launches.stream().allMatch(e -> e.actor().equals(AccountService.FIRST_ADMIN)));
  }

  /** Fills the C2-Eval form, checks its command line, launches; returns the run's id. */
  private String launchEval(int seed, String screenshot) {
    browser.open("runs/new");
    browser.click(browser.waitFor(By.id("tab-c2-eval")));
    type("c2-eval-model", model.toString(), true);
    browser.choose("c2-eval-preset", PRESET);
    type("c2-eval-data", data.toString(), true);
    type("c2-eval-limit", "2", false);
    type("c2-eval-samples", "2", false);
    type("c2-eval-k", "10,20", false);
    type("c2-eval-seed", Integer.toString(seed), false);
    String command =
        browser.until(
            d -> {
              String t = d.findElement(By.id("c2-eval-command")).getText();
              return t.contains("--seed " + seed) ? t : null;
            });
    assertTrue(command.startsWith("./c2 eval c2"), command);
    for (String part :
        List.of(
            "--model " + model,
            "--preset " + PRESET,
            "--data " + data,
            "--limit 2",
            "--samples 2",
            "--k 10,20")) {
      assertTrue(command.contains(part), part + " in " + command);
    }
    browser.screenshot(screenshot);
    browser.click(browser.driver().findElement(By.id("c2-eval-launch")));
    browser.waitFor(By.id("run-status"));
    browser.screenshot(screenshot + "-launched");
    String url = browser.driver().getCurrentUrl();
    assertTrue(url.contains("/runs/"), url);
    return url.substring(url.lastIndexOf('/') + 1);
  }

  /** On the run page, waits for "succeeded" and the Corr@k chart; fails with the log if not. */
  private void watchUntilSucceeded(String id, String screenshot) {
    try {
      browser.until(
          d -> {
            String status = d.findElement(By.id("run-status")).getText();
            if (status.startsWith("failed") || status.startsWith("cancelled")) {
              throw new AssertionError(
                  "run "
                      + id
                      + " "
                      + status
                      + "\nlog:\n"
                      + d.findElement(By.id("run-log")).getText());
            }
            return status.equals("succeeded");
          },
          RUN_TIMEOUT);
    } finally {
      browser.screenshot(screenshot);
    }
    WebElement chart = browser.waitFor(By.cssSelector("c2-chart#chart-corr-bars[rendered] canvas"));
    String command = browser.waitFor(By.id("run-command")).getText();
    assertTrue(command.startsWith("./c2 eval c2"), command);
    assertTrue(command.contains("--out " + home.resolve("runs").resolve(id)), command);
    browser.waitFor(By.cssSelector("vaadin-grid#samples"));
    // The parameters as the form listed them (the table and the API), not in hash order.
    assertEquals(
        List.of("model", "preset", "data", "limit", "samples", "k", "seed"),
        List.copyOf(
            server.context().getBean(RunService.class).get(id).orElseThrow().params().keySet()));
    browser.script("arguments[0].scrollIntoView({block: 'center'});", chart);
    browser.screenshot(screenshot + "-chart");
  }

  /** Types {@code value} into field {@code id}; {@code enter} commits a combo box's typed value. */
  private void type(String id, String value, boolean enter) {
    WebElement input = browser.waitFor(By.cssSelector("#" + id + " input"));
    browser.click(input);
    input.sendKeys(value);
    if (enter) {
      input.sendKeys(Keys.ENTER);
    }
    browser.waitForVaadin();
  }
}
