package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.PreferencePairWriter;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.train.init.InitSpec;
import org.c2lab.train.init.ModelInitializer;
import org.c2lab.train.model.ModelFamilies;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.cli.TinyTokenizer;
import org.c2lab.web.registry.ModelRegistry;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in headless Chromium against the real {@link LabServer} (Jetty front, Vaadin,
 * Micronaut context with a temporary {@code C2_HOME}). Skipped when {@code /usr/bin/chromium} or
 * {@code /usr/bin/chromedriver} is missing. Screenshots go to {@code target/screenshots/}.
 *
 * <p>Until the run service lands, the runs come from {@link InMemoryRunService} (environment
 * {@value InMemoryRunService#ENVIRONMENT}), seeded in {@link #seed()}. The model and dataset
 * registries are the server's own (H2 under the temporary {@code C2_HOME}), with a tiny random
 * Llama under {@code $C2_HOME/models} and C2-Syn pairs under {@code $C2_HOME/datasets}. With the
 * real service, {@code seed} becomes "launch a small C2-Eval run" and {@link
 * #overviewShowsLiveProgress()} watches it finish; the page checks stay as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
  private Path home;
  private static final int PAIRS = 45;
  private LabServer server;
  private DashboardBrowser browser;
  private InMemoryRunService runs;
  private InMemoryAuditLog audit;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(DashboardBrowser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
    home = Files.createTempDirectory("c2-home-dashboard");
    Path repo = SharedFixtures.repoRoot();
    // DJL's PyTorch engine turns autograd off on the thread that first loads it: load it here, not
    // on the server's executor that runs the model test (as ModelApiTest does).
    ai.djl.engine.Engine.getEngine("PyTorch");
    tinyModel(home.resolve("models/tiny-llama"));
    synPairs(home.resolve("datasets/c2-syn-pairs.jsonl"));
    server =
        LabServer.start(
            new LabServerOptions(
                "127.0.0.1",
                0,
                List.of(InMemoryRunService.ENVIRONMENT),
                Map.of(
                    "c2.home", home.toString(),
                    "c2.demo.enabled", "false",
                    "c2.configs", repo.resolve("configs").toString(),
                    "c2.repo.root", repo.toString())));
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

  private static void tinyModel(Path out) throws Exception {
    Path tokenizerDir = Files.createDirectories(out.resolveSibling(out.getFileName() + "-tok"));
    ModelInitializer.write(
        InitSpec.builder()
            .family(ModelFamilies.byName("llama"))
            .shape(32, 2, 4, 2, 48)
            .maxPositions(64)
            .tokenizer(TinyTokenizer.write(tokenizerDir))
            .seed(1)
            .out(out)
            .build());
  }

  /** {@value #PAIRS} C2-Syn pairs, every rank structure. */
  private static void synPairs(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    try (PreferencePairWriter w = PreferencePairWriter.create(file)) {
      for (int i = 0; i < PAIRS; i++) {
        int chosen = 1 + i % 5;
        w.write(
            PreferencePair.builder(
                    "Question number " + i + "?", "Kind answer " + i, "Worse answer " + i)
                .ranks(chosen, chosen + 1 + (i % (6 - chosen)))
                .requestId("demo.jsonl:" + (i / 15 + 1))
                .build());
      }
    }
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
    browser
        .driver()
        .findElement(By.cssSelector("#dpo-model input"))
        .sendKeys("c2-data/models/x", Keys.ENTER);
    browser.until(
        d -> d.findElement(By.id("dpo-command")).getText().contains("--model c2-data/models/x"));
    browser
        .driver()
        .findElement(By.cssSelector("#dpo-pairs input"))
        .sendKeys("pairs.jsonl", Keys.ENTER);
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
  void modelsPageListsDescribesAndTestsAModel() {
    ModelRegistry models = server.context().getBean(ModelRegistry.class);
    browser.until(d -> "done".equals(models.get("tiny-llama").hashStatus()));
    browser.open("models");
    browser.click(cell("models", "tiny-llama"));
    WebElement details =
        browser.until(
            d -> {
              WebElement e = d.findElement(By.id("model-details"));
              return e.getText().contains("SHA-256 per file") ? e : null;
            });
    assertTrue(details.getText().contains("model.safetensors"), details.getText());
    assertTrue(gridText("models").contains("LlamaForCausalLM"), gridText("models"));
    browser.screenshot("10-models");
    browser.click(browser.driver().findElement(By.id("model-test")));
    WebElement result =
        browser.until(
            d -> {
              WebElement e = d.findElement(By.id("model-test-result"));
              return e.getText().contains("Finish reason") ? e : null;
            });
    assertTrue(result.getText().contains(ModelRegistry.TEST_PROMPT), result.getText());
    assertTrue(result.getText().contains(" ms"), result.getText());
    assertEquals("model.test", audit.list(PageRequest.first(1)).items().get(0).action());
    // A refused registration shows its message on the field it names.
    browser.driver().findElement(By.cssSelector("#model-path input")).sendKeys("/no/such/folder");
    browser.click(browser.driver().findElement(By.id("model-register")));
    browser.until(d -> d.findElement(By.id("model-path")).getAttribute("invalid") != null);
    assertTrue(gridText("model-presets").contains("llama2-chat-7b"), gridText("model-presets"));
    browser.script("document.getElementById('model-test-result').scrollIntoView();");
    browser.screenshot("10-models-tested");
  }

  @Test
  @Order(8)
  void datasetsPageBrowsesRowsWithRanksAndAuditedReveals() throws Exception {
    browser.open("datasets");
    assertTrue(gridText("datasets").contains("pku-format-demo"), gridText("datasets"));
    browser.click(cell("datasets", "c2-syn-pairs"));
    browser.until(
        d -> d.findElement(By.id("rows-range")).getText().equals("rows 1–20 of " + PAIRS));
    browser.until(d -> gridText("dataset-rows").contains("rank 1 (SR) > rank 2 (SYN1)"));
    WebElement hidden =
        browser.waitFor(By.cssSelector("#dataset-rows .c2-harmful[data-field='rejected']"));
    assertTrue(hidden.getAttribute("style").contains("blur"), hidden.getAttribute("style"));
    browser.screenshot("11-datasets");
    browser.click(hidden);
    browser.waitFor(By.cssSelector("#dataset-rows .c2-revealed"));
    AuditLog.Entry reveal = audit.list(PageRequest.first(1)).items().get(0);
    assertEquals("reveal", reveal.action());
    assertTrue(reveal.target().matches("dataset/c2-syn-pairs/line/\\d+#rejected"), reveal.target());
    browser.click(browser.driver().findElement(By.id("rows-next")));
    browser.until(
        d -> d.findElement(By.id("rows-range")).getText().equals("rows 21–40 of " + PAIRS));
    browser.driver().findElement(By.cssSelector("#dataset-search input")).sendKeys("number 17?");
    browser.until(
        d ->
            d.findElement(By.id("rows-range"))
                .getText()
                .equals("rows 1–1 of 1 matching \"number 17?\""));
    // An upload with a malformed row is refused, naming file:line: field.
    Path bad = Files.createTempDirectory("c2-upload").resolve("bad-pairs.jsonl");
    Files.writeString(
        bad,
        "{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\"}\n"
            + "{\"prompt\": \"a\", \"chosen\": \"b\"}\n");
    WebElement upload = browser.waitFor(By.id("dataset-upload"));
    upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(bad.toString());
    String error =
        browser.until(
            d -> {
              String t = d.findElement(By.id("dataset-upload-error")).getText();
              return t.isEmpty() ? null : t;
            });
    assertTrue(error.startsWith("bad-pairs.jsonl:2: "), error);
    browser.screenshot("12-datasets-upload-refused");
    // A valid one is stored, listed and selected.
    Path good = bad.resolveSibling("good-pairs.jsonl");
    Files.writeString(good, "{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\"}\n");
    browser
        .waitFor(By.id("dataset-upload"))
        .getShadowRoot()
        .findElement(By.cssSelector("input[type=file]"))
        .sendKeys(good.toString());
    browser.until(
        d -> d.findElement(By.id("rows-range")).getText().equals("rows 1–1 of 1") ? true : null);
    assertTrue(gridText("datasets").contains("good-pairs"), gridText("datasets"));
    assertTrue(Files.isRegularFile(home.resolve("datasets/good-pairs.jsonl")));
    assertEquals("dataset.upload", audit.list(PageRequest.first(1)).items().get(0).action());
  }

  @Test
  @Order(9)
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
    browser.open("models");
    browser.waitFor(By.id("models"));
    assertTrue(browser.driver().findElements(By.id("model-register")).isEmpty());
    assertTrue(
        browser.driver().findElements(By.id("model-test")).stream()
            .noneMatch(WebElement::isDisplayed));
    browser.open("datasets");
    browser.click(cell("datasets", "c2-syn-pairs"));
    WebElement blurred = browser.waitFor(By.cssSelector("#dataset-rows .c2-harmful"));
    int entries = audit.list(PageRequest.first(100)).items().size();
    browser.click(blurred);
    browser.waitForVaadin();
    assertTrue(
        browser.driver().findElements(By.cssSelector("#dataset-rows .c2-revealed")).isEmpty());
    assertEquals(entries, audit.list(PageRequest.first(100)).items().size());
    assertTrue(browser.driver().findElements(By.id("dataset-upload")).isEmpty());
  }

  /** The cell of grid {@code gridId} whose text is {@code text}. */
  private WebElement cell(String gridId, String text) {
    return browser.until(
        d ->
            d
                .findElements(By.cssSelector("vaadin-grid#" + gridId + " vaadin-grid-cell-content"))
                .stream()
                .filter(e -> e.getText().strip().equals(text))
                .findFirst()
                .orElse(null));
  }

  /** The text of every cell of grid {@code gridId}. */
  private String gridText(String gridId) {
    return browser
        .driver()
        .findElements(By.cssSelector("vaadin-grid#" + gridId + " vaadin-grid-cell-content"))
        .stream()
        .map(WebElement::getText)
        .reduce("", (a, b) -> a + "\n" + b);
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
