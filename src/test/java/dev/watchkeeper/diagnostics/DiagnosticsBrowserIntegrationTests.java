package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.Recorded;
import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.RequestRecorder;
import dev.watchkeeper.diagnostics.internal.CiphertextStore;
import dev.watchkeeper.diagnostics.internal.ShareClient;
import dev.watchkeeper.diagnostics.internal.ShareKeys;
import dev.watchkeeper.testkit.ExternalTools;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pages in real Chromium (Debian's chromium and chromedriver, headless): encrypt at
 * {@code /d/new}, open the link, reveal, read; the same link again is gone; markup in a
 * log renders as text; the browser and the CLI read each other's shares.
 */
@DiagnosticsIntegrationTest
class DiagnosticsBrowserIntegrationTests {

	static final String LOG_WITH_MARKUP = "2024-05-01T10:42:07Z ERROR payment-api: upstream reset\n"
			+ "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"><b>not bold</b>\n"
			+ "caused by: java.net.SocketException: Connection reset";

	@LocalServerPort
	int port;

	@Autowired
	RequestRecorder recorder;

	@Autowired
	CiphertextStore store;

	@Autowired
	JdbcClient jdbc;

	/**
	 * One browser for the class (starting Chromium is the slow part); each test starts
	 * from a blank page.
	 */
	static WebDriver browser;

	static Path profile;

	String base;

	@BeforeEach
	void startBrowser() throws IOException {
		base = "http://127.0.0.1:" + port;
		if (browser != null) {
			browser.get("about:blank");
			return;
		}
		Path chromium = ExternalTools.require("/usr/bin/chromium", "chromium");
		Path chromedriver = ExternalTools.require("/usr/bin/chromedriver", "chromium-driver");
		profile = Files.createTempDirectory("wk-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(chromedriver.toString()))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopRecording() {
		recorder.stop();
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@Test
	void createOpenRevealReadThenTheLinkIsGoneAndMarkupStaysText() {
		recorder.start();
		String link = createInBrowser(LOG_WITH_MARKUP, "1", null);
		assertThat(link).startsWith(base + "/d/").contains("#");

		browser.get(link);
		WebElement reveal = waitVisible("reveal");
		assertThat(reveal.getText()).isEqualTo("Reveal (uses 1 of 1 view)");
		assertThat(browser.getCurrentUrl()).as("the key leaves the address bar").doesNotContain("#");
		reveal.click();
		waitText("message", "Revealed");

		assertThat(script("return document.getElementById('plaintext').textContent")).isEqualTo(LOG_WITH_MARKUP);
		assertThat(script("return document.getElementById('plaintext').children.length")).isEqualTo(0L);
		assertThat(script("return typeof window.__pwned")).isEqualTo("undefined");
		assertThat(text("message")).contains("That was the last view");

		browser.get("about:blank");
		browser.get(link);
		waitText("message", "This link is not available");
		assertThat(browser.findElement(By.id("ready")).isDisplayed()).isFalse();

		byte[] key = ShareKeys.decode(URI.create(link).getFragment(), "key");
		List<Recorded> requests = recorder.stop();
		assertThat(requests).extracting(Recorded::uri).anyMatch(uri -> uri.contains("/reveal"));
		for (Recorded request : requests) {
			String seen = request.uri() + String.join("\n", request.headers())
					+ new String(request.body(), StandardCharsets.ISO_8859_1);
			assertThat(seen).doesNotContain(ShareKeys.encode(key)).doesNotContain(LOG_WITH_MARKUP.substring(0, 30));
		}
		assertThat(DatabaseRows.all(jdbc)).noneMatch(row -> row.contains(ShareKeys.encode(key))
				|| row.contains(new String(key, StandardCharsets.ISO_8859_1)) || row.contains("upstream reset"));
	}

	@Test
	void theCliSharesAndTheBrowserRevealsWithThePassphraseAfterAWrongOne() throws Exception {
		byte[] content = "kubectl -n payments logs deploy/api --since=1h".getBytes(StandardCharsets.UTF_8);
		ShareClient.Created share = new ShareClient().share(URI.create(base), new ByteArrayInputStream(content),
				dev.watchkeeper.diagnostics.internal.ShareMetadata.file("cmd.txt", content.length), Duration.ofHours(1),
				2, "blue-falcon".toCharArray());

		browser.get(share.link().toString());
		waitVisible("reveal");
		assertThat(browser.findElement(By.id("passphrase")).isDisplayed()).isTrue();
		browser.findElement(By.id("passphrase")).sendKeys("red-falcon");
		browser.findElement(By.id("reveal")).click();
		waitText("error", "Wrong passphrase. No view was used.");
		assertThat(jdbc.sql("SELECT views_left FROM diagnostics_share WHERE id = ?")
			.param(share.id())
			.query(Integer.class)
			.single()).isEqualTo(2);

		browser.findElement(By.id("passphrase")).clear();
		browser.findElement(By.id("passphrase")).sendKeys("blue-falcon");
		browser.findElement(By.id("reveal")).click();
		waitText("message", "Revealed. 1 view left.");

		assertThat(script("return document.getElementById('plaintext').textContent"))
			.isEqualTo(new String(content, StandardCharsets.UTF_8));
		assertThat(browser.findElement(By.id("download")).getText()).isEqualTo("Save as cmd.txt");
	}

	@Test
	void theBrowserSharesManyChunksAndTheCliRevealsThem() throws Exception {
		String text = IntStream.range(0, 100_000)
			.mapToObj(i -> "log line " + i + " " + "x".repeat(80))
			.collect(Collectors.joining("\n"));
		browser.get(base + "/d/new");
		waitVisible("create");
		script("document.getElementById('text').value = Array.from({length: 100000}, (_, i) => 'log line ' + i + ' ' "
				+ "+ 'x'.repeat(80)).join('\\n')");

		String link = submitAndReadLink("2", "correct horse");
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		ShareClient.Revealed revealed = new ShareClient().reveal(URI.create(link), "correct horse"::toCharArray, out);

		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(text);
		assertThat(revealed.metadata().kind()).isEqualTo("text");
		assertThat(revealed.viewsLeft()).isEqualTo(1);
		assertThat(ShareProtocol.id(URI.create(link))).satisfies(id -> assertThat(
				jdbc.sql("SELECT stored_size FROM diagnostics_share WHERE id = ?").param(id).query(Long.class).single())
			.as("several 8-chunk parts")
			.isGreaterThan(9L << 20));
	}

	@Test
	void aFileLargerThanOneBlobStepIsRevealedByteForByte() throws Exception {
		byte[] content = new byte[12 * 1024 * 1024 + 12345];
		new java.util.Random(42).nextBytes(content);
		ShareClient.Created share = new ShareClient().share(URI.create(base), new ByteArrayInputStream(content),
				dev.watchkeeper.diagnostics.internal.ShareMetadata.file("heap-summary.bin", content.length),
				Duration.ofHours(1), 1, null);

		Path downloads = Files.createDirectories(profile.resolve("downloads"));
		((org.openqa.selenium.chrome.ChromeDriver) browser).executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toString()));
		browser.get(share.link().toString());
		waitVisible("reveal");
		browser.findElement(By.id("reveal")).click();
		waitText("message", "Revealed.");

		// the page saves it by itself (not text): the downloaded file, assembled in 8 MiB
		// blob steps, is the original
		Path saved = await().atMost(Duration.ofSeconds(30))
			.until(() -> downloads.resolve("heap-summary.bin"), file -> file.toFile().length() == content.length);
		assertThat(Files.readAllBytes(saved)).isEqualTo(content);
		assertThat(browser.findElement(By.id("content-info")).getText()).contains("saved as heap-summary.bin");
	}

	@Test
	void aTamperedCiphertextShowsAClearMessageAndNoContent() throws Exception {
		String link = createInBrowser("original text", "1", null);
		ShareId id = new ShareId(ShareProtocol.id(URI.create(link)));
		byte[] ciphertext;
		try (InputStream in = store.read(id, 0)) {
			ciphertext = in.readAllBytes();
		}
		ciphertext[ciphertext.length - 5] ^= 0x01;
		store.write(id, 0, new ByteArrayInputStream(ciphertext), Long.MAX_VALUE);

		browser.get(link);
		waitVisible("reveal").click();
		waitText("error", "Could not decrypt: the first chunk failed authentication");

		assertThat(browser.findElement(By.id("content")).isDisplayed()).isFalse();
	}

	@Test
	void aLinkWithoutItsKeySaysSoAndAsksNothing() {
		recorder.start();
		browser.get(base + "/d/AAAAAAAAAAAAAAAAAAAAAA");

		waitText("message", "This link is incomplete");
		assertThat(recorder.stop()).extracting(Recorded::uri).noneMatch(uri -> uri.contains("/api/d/"));
	}

	@Test
	void theAudienceTypedAtNewTravelsWithTheShareAndThePageSaysItIsNotEnforcedHere() {
		browser.get(base + "/d/new");
		waitVisible("create");
		waitText("audience-enforcement", "Not enforced on this server: anyone with the link can open it.");
		browser.findElement(By.id("text")).sendKeys("HikariPool-1 - Connection is not available, request timed out");
		browser.findElement(By.id("audience-channel")).sendKeys("C0INCIDENT1");
		browser.findElement(By.id("audience-users")).sendKeys("U0ALICE01, U0BOB0001");

		String link = submitAndReadLink("1", null);

		java.util.Map<String, Object> row = jdbc
			.sql("SELECT audience_channel, audience_users FROM diagnostics_share WHERE id = ?")
			.param(ShareProtocol.id(URI.create(link)))
			.query()
			.singleRow();
		assertThat(row.get("audience_channel")).isEqualTo("C0INCIDENT1");
		assertThat(row.get("audience_users")).isEqualTo("U0ALICE01 U0BOB0001");
		assertThat(text("result-who")).as("the page promises only what this server enforces")
			.isEqualTo("Anyone with this link");
	}

	@Test
	void aMalformedChannelShowsTheServersMessageAndCreatesNothing() {
		long sharesBefore = jdbc.sql("SELECT count(*) FROM diagnostics_share").query(Long.class).single();
		browser.get(base + "/d/new");
		waitVisible("create");
		browser.findElement(By.id("text")).sendKeys("do not upload me");
		browser.findElement(By.id("audience-channel")).sendKeys("#incident-42");
		recorder.start();

		browser.findElement(By.id("create")).click();
		waitText("error", "the audience channel must be a Slack channel id like C0123ABCD (channel details → About)");

		assertThat(browser.findElement(By.id("result")).isDisplayed()).isFalse();
		assertThat(recorder.stop()).extracting(Recorded::uri)
			.anyMatch(uri -> uri.endsWith("/api/d"))
			.noneMatch(uri -> uri.contains("/ciphertext"));
		assertThat(jdbc.sql("SELECT count(*) FROM diagnostics_share").query(Long.class).single())
			.isEqualTo(sharesBefore);
		assertThat(browser.findElement(By.id("audience-channel")).getDomProperty("value"))
			.as("what was typed stays for correcting")
			.isEqualTo("#incident-42");
	}

	private String createInBrowser(String text, String views, String passphrase) {
		browser.get(base + "/d/new");
		waitVisible("create");
		browser.findElement(By.id("text")).sendKeys(text);
		return submitAndReadLink(views, passphrase);
	}

	private String submitAndReadLink(String views, String passphrase) {
		new Select(browser.findElement(By.id("views"))).selectByValue(views);
		if (passphrase != null) {
			browser.findElement(By.id("passphrase")).sendKeys(passphrase);
		}
		browser.findElement(By.id("create")).click();
		waitVisible("result");
		return browser.findElement(By.id("link")).getDomProperty("value");
	}

	private WebElement waitVisible(String id) {
		return new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
	}

	private void waitText(String id, String text) {
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
	}

	private String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private Object script(String code) {
		return ((JavascriptExecutor) browser).executeScript(code);
	}

}
