package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.audit.SampleEvent;
import dev.watchkeeper.testkit.FreePort;
import dev.watchkeeper.testkit.SlackOidcProvider;
import dev.watchkeeper.testkit.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reviewer UI in Debian's Chromium: sign in through a real OIDC provider (Spring
 * Authorization Server on another port), filter, open an entry, verify, download an
 * export; a signed-in non-reviewer is refused. The app runs on {@code localhost} and the
 * provider on {@code 127.0.0.1} so their session cookies never collide.
 */
class ReviewerBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static SlackOidcProvider provider;

	static ConfigurableApplicationContext app;

	static String appUrl;

	@TempDir
	Path temp;

	@BeforeAll
	static void start() {
		// skipped with a message on a machine without them, a failure in CI (which
		// installs them)
		ExternalTools.require(CHROMIUM.toString(), "chromium");
		ExternalTools.require(CHROMEDRIVER.toString(), "chromium-driver");
		int appPort = FreePort.next();
		appUrl = "http://localhost:" + appPort;
		provider = SlackOidcProvider.startWithoutSlackClaims(appUrl, "test");
		List<String> args = new ArrayList<>(List.of("--server.port=" + appPort,
				"--spring.datasource.url=jdbc:h2:mem:reviewer-browser;DB_CLOSE_DELAY=-1",
				"--spring.quartz.auto-startup=false", "--spring.main.banner-mode=off",
				"--watchkeeper.audit.hmac-key=" + AuditFixtures.KEY, "--watchkeeper.audit.reviewers=rita"));
		args.addAll(provider.clientArguments("test"));
		app = new SpringApplicationBuilder(Watchkeeper.class).run(args.toArray(String[]::new));
		AuditTrail trail = app.getBean(AuditTrail.class);
		for (int i = 0; i < 60; i++) {
			trail.append(SampleEvent.of(i % 3 == 0 ? "U0BOB0001" : "U0ALICE01",
					i % 2 == 0 ? "action.approved" : "action.executed", i % 5 == 0 ? "refused" : "ok",
					SampleEvent.T0.plusSeconds(i)));
		}
		trail.append(SampleEvent.approved("req-with-identifiers").withIncident("inc-browser"));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (provider != null) {
			provider.close();
		}
	}

	@Test
	void reviewerSignsInFiltersOpensAnEntryVerifiesAndDownloadsAnExport() throws IOException {
		Path downloads = Files.createDirectories(temp.resolve("downloads"));
		WebDriver browser = browser(downloads);
		try {
			signIn(browser, "rita", "rita-password");
			assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains("rita");
			assertThat(browser.findElements(By.cssSelector("table.entries tbody tr"))).hasSize(50);
			assertThat(browser.findElements(By.id("older"))).hasSize(1);
			screenshot(browser, "audit-list");

			browser.findElement(By.id("filter-actor")).sendKeys("U0BOB0001");
			browser.findElement(By.id("filter-outcome")).sendKeys("refused");
			browser.findElement(By.id("apply-filters")).click();
			wait(browser).until(ExpectedConditions.urlContains("actor=U0BOB0001"));
			List<WebElement> rows = browser.findElements(By.cssSelector("table.entries tbody tr"));
			assertThat(rows).isNotEmpty()
				.allSatisfy(row -> assertThat(row.getText()).contains("U0BOB0001").contains("refused"));

			browser.get(appUrl + "/audit?incident=inc-browser");
			browser.findElement(By.cssSelector("a.seq")).click();
			wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("entry")));
			assertThat(browser.findElement(By.id("entry")).getText()).contains("action.approved")
				.contains("req-with-identifiers");
			assertThat(browser.findElement(By.id("identifiers")).getText()).contains("hmac-sha256:")
				.doesNotContain("abc123");
			screenshot(browser, "audit-entry");

			browser.get(appUrl + "/audit");
			browser.findElement(By.id("verify")).click();
			wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"), "Intact"));
			assertThat(browser.findElement(By.id("verify-result")).getText()).contains("entries");
			screenshot(browser, "audit-verified");

			browser.findElement(By.id("export-csv")).click();
			Path export = await().atMost(Duration.ofSeconds(20))
				.until(() -> completedDownload(downloads, ".csv"), file -> file != null);
			List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
			assertThat(lines.get(0)).startsWith("\"seq\"");
			assertThat(lines).hasSizeGreaterThan(60);
		}
		finally {
			browser.quit();
		}
		AuditTrail trail = app.getBean(AuditTrail.class);
		assertThat(actions(trail, "rita")).contains("audit.signed_in", "audit.verified", "audit.exported");
	}

	@Test
	void signedInNonReviewerIsRefused() {
		WebDriver browser = browser(temp);
		try {
			signIn(browser, "mallory", "mallory-password");

			assertThat(browser.findElement(By.id("refused")).getText()).contains("mallory")
				.contains("not a configured reviewer");
			browser.get(appUrl + "/api/audit/verify");
			assertThat(browser.getPageSource()).contains("forbidden");
			browser.get(appUrl + "/api/audit/export?format=jsonl");
			assertThat(browser.getPageSource()).contains("forbidden").doesNotContain("action.approved");
		}
		finally {
			browser.quit();
		}
		AuditTrail trail = app.getBean(AuditTrail.class);
		assertThat(trail.search(new AuditQuery("mallory", "audit.signed_in", null, null, null, null, null), null, 1)
			.entries()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("refused"));
	}

	private void signIn(WebDriver browser, String user, String password) {
		browser.get(appUrl + "/audit");
		wait(browser).until(ExpectedConditions.urlContains("/audit/login"));
		browser.findElement(By.id("sign-in-test")).click();
		wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
		assertThat(browser.getCurrentUrl()).startsWith("http://127.0.0.1:");
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait(browser).until(ExpectedConditions.urlMatches("^" + appUrl + "/audit$"));
	}

	private static List<String> actions(AuditTrail trail, String actor) {
		return trail.search(new AuditQuery(actor, "audit.*", null, null, null, null, null), null, 100)
			.entries()
			.stream()
			.map(e -> e.action())
			.toList();
	}

	/**
	 * Keeps what the reviewer saw in target/screenshots, for humans reviewing the build.
	 */
	private static void screenshot(WebDriver browser, String name) throws IOException {
		Path target = Files.createDirectories(Path.of("target", "screenshots"));
		Files.write(target.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	private static WebDriverWait wait(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	private static WebDriver browser(Path downloads) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--window-size=1400,1000", "--headless=new", "--no-sandbox", "--disable-gpu",
				"--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--no-first-run",
				"--user-data-dir=" + downloads.resolve("profile-" + System.nanoTime()));
		Map<String, Object> prefs = new HashMap<>();
		prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
		prefs.put("download.prompt_for_download", false);
		options.setExperimentalOption("prefs", prefs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static Path completedDownload(Path directory, String extension) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(f -> f.getFileName().toString().endsWith(extension)).findFirst().orElse(null);
		}
	}

}
