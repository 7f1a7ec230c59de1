package org.c2lab.web.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromedriver}) driving the dashboard:
 * open a page, sign in, wait for Vaadin, save a screenshot under {@code target/screenshots/}.
 */
public final class DashboardBrowser implements AutoCloseable {
  public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final URI root;
  private final Path profile;
  private final ChromeDriver driver;

  /** Whether this machine has Chromium and its driver. */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  public DashboardBrowser(URI root) throws IOException {
    this.root = root;
    this.profile = Files.createTempDirectory("c2-chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens {@code path} (relative to the server's root) and waits until Vaadin is idle. */
  public void open(String path) {
    driver.get(root.resolve(path).toString());
    waitForVaadin();
  }

  /** Signs in through the login form and waits for the overview. */
  public void login(String user, String password) {
    open("login");
    WebElement name = waitFor(By.cssSelector("vaadin-login-form input[name='username']"));
    name.sendKeys(user);
    driver
        .findElement(By.cssSelector("vaadin-login-form input[name='password']"))
        .sendKeys(password);
    click(driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")));
    waitFor(By.id("signed-in-user"));
    waitForVaadin();
  }

  /** Scrolls {@code element} to the middle of the window and clicks it. */
  public void click(WebElement element) {
    script("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  /** Picks {@code item} in the combo box with id {@code id}: types it, clicks the item offered. */
  public void choose(String id, String item) {
    WebElement input = waitFor(By.cssSelector("#" + id + " input"));
    click(input);
    input.sendKeys(item);
    WebElement offered =
        until(
            d ->
                d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                    .filter(e -> e.isDisplayed() && e.getText().strip().equals(item))
                    .findFirst()
                    .orElse(null));
    offered.click();
    waitForVaadin();
  }

  /** Ends the browser's session with the server (a new visitor). */
  public void forgetSession() {
    driver.manage().deleteAllCookies();
  }

  /** The element once it is in the page. */
  public WebElement waitFor(By by) {
    return until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  /** Waits until {@code condition} gives a non-null, non-false value, and returns it. */
  public <T> T until(Function<WebDriver, T> condition) {
    return until(condition, WAIT);
  }

  /** As {@link #until(Function)}, waiting at most {@code timeout}. */
  public <T> T until(Function<WebDriver, T> condition, Duration timeout) {
    return new WebDriverWait(driver, timeout)
        .ignoring(StaleElementReferenceException.class) // Vaadin replaced it: look again
        .until(condition);
  }

  /** Waits until Vaadin has no request in flight. */
  public void waitForVaadin() {
    until(
        d ->
            (Boolean)
                ((JavascriptExecutor) d)
                    .executeScript(
                        "const c = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;"
                            + " if (!c) return false;"
                            + " return Object.values(c).every(x => !x.isActive || !x.isActive());"));
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Saves the page as {@code target/screenshots/NAME.png} and returns the file. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
