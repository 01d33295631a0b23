package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.audit.AuditEntry;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.diagnostics.internal.ShareClient;
import dev.watchkeeper.diagnostics.internal.ShareKeys;
import dev.watchkeeper.testkit.FreePort;
import dev.watchkeeper.testkit.BrowserlessSignIn;
import dev.watchkeeper.testkit.ExternalTools;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.SlackOidcProvider;
import dev.watchkeeper.testkit.SlackOidcProvider.Person;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Sign in with Slack in front of reveals, end to end over HTTP: a real OIDC provider
 * (Spring Authorization Server issuing Slack's claims), the application with that client
 * registration, and the fake Slack Web API answering who is in a channel. A reveal needs
 * a signed-in member of the share's audience, from the bot's team; every refusal uses
 * nothing, and the audit trail names the person.
 */
class DiagnosticsSignInIntegrationTests {

	static final String CREATOR = "U0CREATOR";

	static final AtomicInteger channels = new AtomicInteger();

	static SlackOidcProvider provider;

	static ConfigurableApplicationContext app;

	static URI appUrl;

	final FakeSlackApi slack = FakeSlackApi.shared();

	String channel;

	@BeforeAll
	static void start() {
		int port = FreePort.next();
		appUrl = URI.create("http://localhost:" + port);
		provider = SlackOidcProvider.start(appUrl.toString(), "slack");
		List<String> args = new ArrayList<>(List.of("--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:mem:diagnostics-sign-in;DB_CLOSE_DELAY=-1",
				"--spring.quartz.auto-startup=false", "--spring.main.banner-mode=off",
				"--watchkeeper.public-url=" + appUrl,
				"--watchkeeper.audit.hmac-key=diagnostics-sign-in-tests-hmac-key-0123456789",
				"--watchkeeper.slack.api-url=" + FakeSlackApi.shared().apiUrl(),
				"--watchkeeper.slack.bot-token=xoxb-test-token",
				"--watchkeeper.slack.signing-secret=" + SlackRequestSigner.TEST_SIGNING_SECRET,
				"--watchkeeper.diagnostics.storage-dir=target/test-diagnostics-sign-in"));
		args.addAll(provider.clientArguments("slack"));
		app = new SpringApplicationBuilder(Watchkeeper.class).run(args.toArray(String[]::new));
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

	@BeforeEach
	void freshChannel() {
		slack.reset();
		// a new channel per test: the directory keeps a channel's members for a minute
		channel = "C0SIGNIN" + channels.incrementAndGet();
		slack.channelMembers(channel, List.of(SlackOidcProvider.RITA.slackUserId(), "U0SOMEONE"));
	}

	@Test
	void withoutSignInARevealIsRefusedAndUsesNothing() {
		ShareLink link = share(ShareAudience.channel(channel), 1);
		ShareProtocol anonymous = protocol(HttpClient.newHttpClient());

		HttpResponse<byte[]> refused = anonymous.reveal(id(link), key(link));

		assertThat(refused.statusCode()).isEqualTo(401);
		JsonNode body = json(refused);
		assertThat(body.path("error").asString()).isEqualTo("sign_in_required");
		assertThat(body.path("signIn").asString()).isEqualTo("/d/sign-in?share=" + id(link));
		assertThat(json(anonymous.status(id(link), key(link))).path("access").asString()).isEqualTo("sign_in_required");
		assertThat(summary(link).viewsLeft()).isEqualTo(1);
		assertThat(lastRefusal(link).details()).containsEntry("reason", "not signed in with Slack");

		assertThat(signedIn(SlackOidcProvider.RITA, link).reveal(id(link), key(link)).statusCode()).isEqualTo(200);
	}

	@Test
	void channelMemberSignsInRevealsAndIsNamedInTheAuditTrail() {
		ShareLink link = share(ShareAudience.channel(channel), 1);
		BrowserlessSignIn browser = new BrowserlessSignIn();

		HttpResponse<String> landed = browser.signIn(appUrl.resolve("/d/sign-in?share=" + id(link)),
				SlackOidcProvider.RITA);

		assertThat(landed.uri().getPath()).as("back on the share page after signing in").isEqualTo("/d/" + id(link));
		ShareProtocol rita = protocol(browser.http());
		JsonNode status = json(rita.status(id(link), key(link)));
		assertThat(status.path("access").asString()).isEqualTo("allowed");
		assertThat(status.path("signedInAs").asString()).isEqualTo("Rita Responder");
		assertThat(status.path("audience").path("channel").asString()).isEqualTo(channel);

		HttpResponse<byte[]> revealed = rita.reveal(id(link), key(link));

		assertThat(revealed.statusCode()).isEqualTo(200);
		assertThat(revealed.headers().firstValue("Watchkeeper-Views-Left")).hasValue("0");
		AuditEntry entry = audit("diagnostics.revealed", link).get(0);
		assertThat(entry.actor()).isEqualTo("U0RITA001");
		assertThat(entry.actorName()).isEqualTo("Rita Responder");
		assertThat(
				audit().search(new AuditQuery("U0RITA001", "audit.signed_in", null, null, null, null, null), null, 10)
					.entries())
			.as("a sign-in to reveal a share is not a reviewer sign-in")
			.isEmpty();
	}

	@Test
	void signedInNonMemberIsRefusedAndUsesNothing() {
		ShareLink link = share(ShareAudience.channel(channel), 1);
		ShareProtocol mallory = signedIn(SlackOidcProvider.MALLORY, link);

		assertThat(json(mallory.status(id(link), key(link))).path("access").asString()).isEqualTo("not_in_audience");
		HttpResponse<byte[]> refused = mallory.reveal(id(link), key(link));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(json(refused).path("error").asString()).isEqualTo("not_in_audience");
		assertThat(summary(link).viewsLeft()).isEqualTo(1);
		AuditEntry refusal = lastRefusal(link);
		assertThat(refusal.actor()).isEqualTo("U0MALLORY");
		assertThat(refusal.details()).containsEntry("reason", "not in the share's audience");
		assertThat(signedIn(SlackOidcProvider.RITA, link).reveal(id(link), key(link)).statusCode()).isEqualTo(200);
	}

	@Test
	void namedPersonRevealsWithoutBeingInAnyChannel() {
		ShareLink link = share(ShareAudience.users(List.of(SlackOidcProvider.MALLORY.slackUserId())), 1);

		assertThat(signedIn(SlackOidcProvider.RITA, link).reveal(id(link), key(link)).statusCode()).isEqualTo(403);
		assertThat(signedIn(SlackOidcProvider.MALLORY, link).reveal(id(link), key(link)).statusCode()).isEqualTo(200);
		assertThat(slack.calls("conversations.members")).as("named users need no channel lookup").isEmpty();
	}

	@Test
	void creatorMayAlwaysRevealTheirOwnShare() {
		ShareLink link = diagnostics().shareText("creator's own", Duration.ofHours(1), 1,
				new SlackUserId(SlackOidcProvider.RITA.slackUserId()), "", ShareAudience.users(List.of("U0SOMEONE")));

		assertThat(signedIn(SlackOidcProvider.RITA, link).reveal(id(link), key(link)).statusCode()).isEqualTo(200);
	}

	@Test
	void personSignedInToAnotherWorkspaceIsRefused() {
		slack.channelMembers(channel, List.of(SlackOidcProvider.OTTO.slackUserId()));
		ShareLink link = share(ShareAudience.channel(channel), 1);

		HttpResponse<byte[]> refused = signedIn(SlackOidcProvider.OTTO, link).reveal(id(link), key(link));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(summary(link).viewsLeft()).isEqualTo(1);
		assertThat(lastRefusal(link).details()).containsEntry("reason", "signed in to another Slack workspace");
	}

	@Test
	void slackOutageFailsClosedUsesNothingAndRecovers() {
		ShareLink link = share(ShareAudience.channel(channel), 1);
		ShareProtocol rita = signedIn(SlackOidcProvider.RITA, link);
		slack.rateLimitNext("conversations.members", 30);

		HttpResponse<byte[]> refused = rita.reveal(id(link), key(link));

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(json(refused).path("error").asString()).isEqualTo("audience_unavailable");
		assertThat(summary(link).viewsLeft()).isEqualTo(1);
		assertThat(lastRefusal(link).details()).containsEntry("reason", "audience could not be checked with Slack");

		assertThat(rita.reveal(id(link), key(link)).statusCode()).isEqualTo(200);
	}

	@Test
	void signedInPersonWithoutTheKeyLearnsNothingAndSlackIsNotAsked() {
		ShareLink link = share(ShareAudience.channel(channel), 1);
		ShareProtocol rita = signedIn(SlackOidcProvider.RITA, link);
		byte[] wrongKey = ShareKeys.randomBytes(32);

		HttpResponse<byte[]> status = rita.status(id(link), wrongKey);
		HttpResponse<byte[]> reveal = rita.reveal(id(link), wrongKey);

		assertThat(status.statusCode()).isEqualTo(404);
		assertThat(reveal.statusCode()).isEqualTo(404);
		assertThat(json(reveal).path("error").asString()).isEqualTo("not_available");
		assertThat(slack.calls("conversations.members")).isEmpty();
		assertThat(summary(link).viewsLeft()).isEqualTo(1);
	}

	@Test
	void signInStartAcceptsOnlyShareIdsAndReturnsToTheSharePage() {
		BrowserlessSignIn browser = new BrowserlessSignIn();
		String id = id(share(ShareAudience.channel(channel), 1));

		assertThat(browser.getWithoutRedirects(appUrl.resolve("/d/sign-in?share=https://evil.example/")).statusCode())
			.isEqualTo(400);
		HttpResponse<String> toProvider = browser.getWithoutRedirects(appUrl.resolve("/d/sign-in?share=" + id));
		assertThat(toProvider.statusCode()).isEqualTo(302);
		assertThat(toProvider.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/slack");
		HttpResponse<String> failed = browser
			.getWithoutRedirects(appUrl.resolve("/d/sign-in?share=" + id + "&sign-in-error"));
		assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/d/" + id + "?sign-in=failed");
	}

	@Test
	void browserSignsInWithSlackKeepsTheKeyAcrossTheRoundTripAndReveals() throws IOException {
		ShareLink link = share(ShareAudience.channel(channel), 1);
		WebDriver browser = chromium();
		try {
			browser.get(link.url().toString());
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
			assertThat(browser.getCurrentUrl()).as("the key left the address bar").doesNotContain("#");
			assertThat(browser.findElement(By.id("message")).getText())
				.contains("only for members of the channel it was shared in");
			assertThat(browser.findElements(By.cssSelector("#ready:not([hidden])"))).isEmpty();

			browser.findElement(By.id("sign-in")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
			assertThat(browser.getCurrentUrl()).startsWith(provider.issuer());
			browser.findElement(By.id("username")).sendKeys(SlackOidcProvider.RITA.username());
			browser.findElement(By.id("password")).sendKeys(SlackOidcProvider.RITA.password());
			browser.findElement(By.cssSelector("button[type=submit]")).click();

			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reveal")));
			assertThat(browser.getCurrentUrl()).isEqualTo(appUrl + "/d/" + id(link));
			assertThat(browser.findElement(By.id("who")).getText()).contains("Rita Responder");
			assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.length"))
				.as("the parked key is deleted on return")
				.isEqualTo(0L);
			assertThat(summary(link).viewsLeft()).as("signing in used nothing").isEqualTo(1);
			browser.findElement(By.id("reveal")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plaintext"), "pool exhausted"));
			assertThat(browser.findElement(By.id("message")).getText()).contains("last view");
			screenshot(browser, "diagnostics-signed-in-reveal");
		}
		finally {
			browser.quit();
		}
		assertThat(audit("diagnostics.revealed", link)).singleElement()
			.satisfies(entry -> assertThat(entry.actor()).isEqualTo("U0RITA001"));
	}

	@Test
	void browserOfSomeoneOutsideTheAudienceSaysSoAndOffersNoReveal() throws IOException {
		ShareLink link = share(ShareAudience.channel(channel), 1);
		WebDriver browser = chromium();
		try {
			browser.get(link.url().toString());
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in"))).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
				.sendKeys(SlackOidcProvider.MALLORY.username());
			browser.findElement(By.id("password")).sendKeys(SlackOidcProvider.MALLORY.password());
			browser.findElement(By.cssSelector("button[type=submit]")).click();

			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Mallory Member"));
			assertThat(browser.findElement(By.id("message")).getText()).contains("not in this share's audience")
				.contains("Nothing was revealed or used");
			assertThat(browser.findElements(By.cssSelector("#ready:not([hidden])"))).isEmpty();
			screenshot(browser, "diagnostics-not-in-audience");
		}
		finally {
			browser.quit();
		}
		assertThat(summary(link).viewsLeft()).isEqualTo(1);
	}

	@Test
	void cliCannotRevealWithoutASlackSessionAndUsesNothing() {
		ShareLink link = share(ShareAudience.TEAM, 1);

		assertThatThrownBy(() -> protocol(HttpClient.newHttpClient()).revealText(link.url(), null))
			.isInstanceOfSatisfying(ShareClient.Refused.class,
					refused -> assertThat(refused.error()).isEqualTo("sign_in_required"))
			.hasMessageContaining("open the link in a browser");
		assertThat(summary(link).viewsLeft()).isEqualTo(1);
	}

	@Test
	void limitsTellThePagesThatSignInIsRequired() {
		HttpResponse<byte[]> limits = protocol(HttpClient.newHttpClient())
			.send(java.net.http.HttpRequest.newBuilder(appUrl.resolve("/api/d/limits")).GET().build());

		assertThat(json(limits).path("signInRequired").asBoolean()).isTrue();
		assertThat(diagnostics().audienceEnforced()).isTrue();
	}

	private static WebDriver chromium() {
		Path chromium = ExternalTools.require("/usr/bin/chromium", "chromium");
		Path chromedriver = ExternalTools.require("/usr/bin/chromedriver", "chromium-driver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Keeps what the person saw in target/screenshots, for humans reviewing the build.
	 */
	private static void screenshot(WebDriver browser, String name) throws IOException {
		Path target = Files.createDirectories(Path.of("target", "screenshots"));
		Files.write(target.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	private ShareLink share(ShareAudience audience, int views) {
		return diagnostics().shareText("database pool exhausted at 03:12", Duration.ofHours(1), views,
				new SlackUserId(CREATOR), "", audience);
	}

	private ShareProtocol signedIn(Person person, ShareLink link) {
		BrowserlessSignIn browser = new BrowserlessSignIn();
		browser.signIn(appUrl.resolve("/d/sign-in?share=" + id(link)), person);
		return protocol(browser.http());
	}

	private static ShareProtocol protocol(HttpClient http) {
		return new ShareProtocol(appUrl, http);
	}

	private static Diagnostics diagnostics() {
		return app.getBean(Diagnostics.class);
	}

	private static ShareSummary summary(ShareLink link) {
		return diagnostics().summary(link.id()).orElseThrow();
	}

	private static AuditTrail audit() {
		return app.getBean(AuditTrail.class);
	}

	private static List<AuditEntry> audit(String action, ShareLink link) {
		return audit().search(new AuditQuery(null, action, null, null, link.id().value(), null, null), null, 50)
			.entries();
	}

	private static AuditEntry lastRefusal(ShareLink link) {
		return audit("diagnostics.reveal", link).get(0);
	}

	private static String id(ShareLink link) {
		return link.id().value();
	}

	private static byte[] key(ShareLink link) {
		return ShareProtocol.key(link.url());
	}

	private static JsonNode json(HttpResponse<byte[]> response) {
		return ShareProtocol.json.readTree(response.body());
	}

}
