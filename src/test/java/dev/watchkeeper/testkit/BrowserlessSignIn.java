package dev.watchkeeper.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Goes through a real OpenID Connect sign-in over HTTP the way a browser does, without
 * one: start at an application URL, follow the redirects to the provider's login form,
 * post the person's credentials (with the form's CSRF token), and follow the redirects
 * back through the application's callback. The cookies live in this object's client,
 * which is then a signed-in session for further requests.
 */
public final class BrowserlessSignIn {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	/**
	 * The cookie-keeping client: after {@link #signIn}, its requests carry the session.
	 */
	public HttpClient http() {
		return http;
	}

	/**
	 * Signs {@code person} in, starting at {@code start}; returns the last response
	 * (where the application sent the browser after the sign-in).
	 */
	public HttpResponse<String> signIn(URI start, SlackOidcProvider.Person person) {
		HttpResponse<String> loginPage = send(page(start).GET().build());
		Matcher csrf = CSRF.matcher(loginPage.body());
		if (!csrf.find()) {
			throw new IllegalStateException("no login form at " + loginPage.uri() + ": " + loginPage.statusCode());
		}
		String form = "username=" + encode(person.username()) + "&password=" + encode(person.password()) + "&_csrf="
				+ encode(csrf.group(1));
		return send(page(loginPage.uri().resolve("/login")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	/**
	 * A GET with this session that does not follow redirects, to see where the
	 * application sends the browser.
	 */
	public HttpResponse<String> getWithoutRedirects(URI uri) {
		HttpClient noRedirects = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(http.cookieHandler().orElseThrow())
			.build();
		try {
			return noRedirects.send(page(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A browser's page request: providers answer 401 instead of their login page to
	 * anything else.
	 */
	private static HttpRequest.Builder page(URI uri) {
		return HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml");
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
