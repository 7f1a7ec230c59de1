package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunView;
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
import org.openqa.selenium.WebElement;

/**
 * The dashboard in headless Chromium against the real {@link LabServer} (Jetty front, Vaadin,
 * Micronaut context with a temporary {@code C2_HOME}). Skipped when {@code /usr/bin/chromium} or
 * {@code /usr/bin/chromedriver} is missing. Screenshots go to {@code target/screenshots/}.
 *
 * <p>Until the run service lands, the runs come from {@link InMemoryRunService} (environment
 * {@value InMemoryRunService#ENVIRONMENT}), seeded in {@link #seed()}. With the real service,
 * {@code seed} becomes "launch a small C2-Eval run" and {@link #overviewShowsLiveProgress()}
 * watches it finish; the page checks stay as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
  private Path home;
  private LabServer server;
  private DashboardBrowser browser;
  private InMemoryRunService runs;
  private InMemoryAuditLog audit;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(DashboardBrowser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
    home = Files.createTempDirectory("c2-home-dashboard");
    Path repo = SharedFixtures.repoRoot();
    server =
        LabServer.start(
            new LabServerOptions(
                "127.0.0.1",
                0,
                List.of(InMemoryRunService.ENVIRONMENT),
                Map.of(
                    "c2.home", home.toString(),
                    "c2.configs", repo.resolve("configs").toString(),
                    "c2.datasets", repo.resolve("datasets").toString())));
    runs = server.context().getBean(InMemoryRunService.class);
    audit = server.context().getBean(InMemoryAuditLog.class);
    seed();
    browser = new DashboardBrowser(server.uri());
  }

  /** Two model families evaluated before and after DPO, a running and a queued run. */
  private void seed() {
    for (String family : List.of("llama2", "qwen2")) {
      RunView dpo = TestRuns.dpo(runs, "dpo-" + family, "c2-data/models/" + family + "-7b");
      TestRuns.eval(
          runs,
          "eval-" + family + "-base",
          "c2-data/models/" + family + "-7b",
          0.3,
          family.length());
      TestRuns.eval(
          runs,
          "eval-" + family + "-dpo",
          runs.directory(dpo.id()).resolve("model").toString(),
          0.7,
          family.length() + 10);
    }
    runs.put(
        TestRuns.view(
            "eval-live",
            RunKind.C2_EVAL,
            "live eval",
            "rita",
            JobStatus.RUNNING,
            Map.of("model", "m", "data", "d")));
    runs.progress("eval-live", 2, 10, Duration.ofMinutes(5), "judged req-1/k=10");
    runs.put(
        TestRuns.view(
            "sft-queued",
            RunKind.SFT,
            "queued sft",
            "rita",
            JobStatus.QUEUED,
            Map.of("model", "m", "data", "d")));
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
  void everyPageRequiresLogin() {
    browser.open("compare");
    browser.waitFor(By.tagName("vaadin-login-form"));
    assertTrue(
        browser.driver().getCurrentUrl().contains("login"), browser.driver().getCurrentUrl());
    browser.screenshot("01-login");
  }

  @Test
  @Order(2)
  void overviewShowsLiveProgress() {
    browser.login(TestAccounts.RESEARCHER.username(), TestAccounts.PASSWORD);
    browser.open("");
    WebElement card = browser.waitFor(By.cssSelector(".c2-running-run[data-run='eval-live']"));
    assertTrue(card.getText().contains("2/10 · ETA 5m 00s"), card.getText());
    assertTrue(browser.waitFor(By.id("queue")).getText().contains("queued sft"));
    // A change on the server reaches the open page by push, without a reload.
    runs.progress("eval-live", 7, 10, Duration.ofSeconds(65), "judged req-4/k=20");
    browser.until(
        d ->
            d.findElement(By.cssSelector(".c2-running-run[data-run='eval-live'] .c2-progress"))
                .getText()
                .contains("7/10 · ETA 1m 05s"));
    browser.screenshot("02-overview");
  }

  @Test
  @Order(3)
  void newRunFormShowsPresetAndCommandAndFieldErrors() {
    browser.open("runs/new");
    browser.click(browser.waitFor(By.id("tab-dpo")));
    browser.choose("dpo-preset", "dpo-lora");
    browser.until(d -> d.findElement(By.id("dpo-command")).getText().contains("--lora-rank 16"));
    String command = browser.driver().findElement(By.id("dpo-command")).getText();
    assertTrue(command.startsWith("./c2 train dpo"), command);
    assertTrue(command.contains("--beta 0.1"), command);
    browser.click(browser.driver().findElement(By.id("dpo-launch")));
    browser.until(d -> d.findElement(By.id("dpo-model")).getAttribute("invalid") != null);
    browser.screenshot("03-new-run-error");
    browser.driver().findElement(By.cssSelector("#dpo-model input")).sendKeys("c2-data/models/x");
    browser.until(
        d -> d.findElement(By.id("dpo-command")).getText().contains("--model c2-data/models/x"));
    browser.driver().findElement(By.cssSelector("#dpo-pairs input")).sendKeys("pairs.jsonl");
    browser.click(browser.driver().findElement(By.id("dpo-launch")));
    browser.waitFor(By.id("run-status"));
    assertTrue(
        runs.list(PageRequest.first(100)).items().stream()
            .anyMatch(r -> r.kind() == RunKind.DPO && "16".equals(r.params().get("lora-rank"))));
    browser.screenshot("04-new-run-queued");
  }

  @Test
  @Order(4)
  void evalRunPageShowsChartSamplesAndAuditedReveal() {
    browser.open("runs/eval-llama2-base");
    browser.waitFor(By.cssSelector("c2-chart#chart-corr-bars[rendered] canvas"));
    assertTrue(browser.waitFor(By.id("run-provenance")).getText().contains("\"seed\""));
    assertTrue(browser.waitFor(By.id("run-files")).getText().contains("summary.json"));
    browser.waitFor(By.cssSelector("vaadin-grid#samples"));
    clickFirstSample();
    WebElement hidden = browser.waitFor(By.cssSelector("#sample-detail .c2-harmful"));
    assertTrue(hidden.getAttribute("style").contains("blur"), hidden.getAttribute("style"));
    browser.screenshot("05-eval-run-blurred");
    int before = audit.list(PageRequest.first(100)).items().size();
    browser.click(hidden);
    browser.waitFor(By.cssSelector("#sample-detail .c2-revealed"));
    assertEquals(before + 1, audit.list(PageRequest.first(100)).items().size());
    assertEquals("reveal", audit.list(PageRequest.first(1)).items().get(0).action());
    browser.screenshot("06-eval-run-revealed");
  }

  @Test
  @Order(5)
  void dpoRunPageShowsTrainingCurves() {
    browser.open("runs/dpo-llama2");
    for (String id : List.of("loss", "rewards", "accuracies")) {
      browser.waitFor(By.cssSelector("c2-chart#chart-" + id + "[rendered] canvas"));
    }
    browser.screenshot("07-dpo-run");
  }

  @Test
  @Order(6)
  void comparePresetComparesBeforeAndAfterDpo() {
    browser.open("compare");
    browser.click(browser.waitFor(By.id("compare-preset")));
    browser.waitFor(By.cssSelector("c2-chart#chart-compare[rendered] canvas"));
    String table = browser.waitFor(By.id("compare-table")).getText();
    assertTrue(table.contains("eval-llama2-dpo"), table);
    assertTrue(table.contains("eval-qwen2-base"), table);
    assertTrue(browser.waitFor(By.id("compare-result")).getText().contains("newly corrected"));
    browser.screenshot("08-compare");
  }

  @Test
  @Order(7)
  void viewerCannotRevealOrLaunch() {
    browser.forgetSession();
    browser.login(TestAccounts.VIEWER.username(), TestAccounts.PASSWORD);
    browser.open("runs/eval-qwen2-base");
    browser.waitFor(By.cssSelector("vaadin-grid#samples"));
    clickFirstSample();
    WebElement hidden = browser.waitFor(By.cssSelector("#sample-detail .c2-harmful"));
    int before = audit.list(PageRequest.first(100)).items().size();
    browser.click(hidden);
    browser.waitForVaadin();
    assertTrue(
        browser.driver().findElements(By.cssSelector("#sample-detail .c2-revealed")).isEmpty());
    assertEquals(before, audit.list(PageRequest.first(100)).items().size());
    assertTrue(
        browser.driver().findElements(By.id("run-cancel")).stream()
            .noneMatch(WebElement::isDisplayed),
        "a viewer sees no cancel button");
    browser.screenshot("09-viewer-run");
  }

  private void clickFirstSample() {
    browser.click(
        browser.until(
            d ->
                d
                    .findElements(By.cssSelector("vaadin-grid#samples vaadin-grid-cell-content"))
                    .stream()
                    .filter(e -> e.getText().startsWith("req-"))
                    .findFirst()
                    .orElse(null)));
    browser.waitForVaadin();
  }
}
