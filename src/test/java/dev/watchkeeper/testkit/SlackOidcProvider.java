package dev.watchkeeper.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider that signs people in the way "Sign in with Slack" does:
 * Spring Authorization Server in its own small application on {@code 127.0.0.1} (the app
 * under test runs on {@code localhost}, so the two never share cookies), whose ID tokens
 * carry Slack's claims {@code https://slack.com/user_id} and
 * {@code https://slack.com/team_id}. The people are fixed: see {@link #PEOPLE}.
 */
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
		HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
		ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
		OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class })
public class SlackOidcProvider implements AutoCloseable {

	/**
	 * A person who can sign in; the password is the user name followed by
	 * {@code -password}.
	 */
	public record Person(String username, String slackUserId, String teamId, String name) {

		public String password() {
			return username + "-password";
		}
	}

	public static final Person RITA = new Person("rita", "U0RITA001", FakeSlackApi.TEAM_ID, "Rita Responder");

	public static final Person MALLORY = new Person("mallory", "U0MALLORY", FakeSlackApi.TEAM_ID, "Mallory Member");

	/** Signs in to another Slack workspace: right person, wrong team. */
	public static final Person OTTO = new Person("otto", "U0OTTO001", "T0OTHER", "Otto Outsider");

	public static final List<Person> PEOPLE = List.of(RITA, MALLORY, OTTO);

	public static final String CLIENT_ID = "watchkeeper";

	public static final String CLIENT_SECRET = "watchkeeper-client-secret";

	private ConfigurableApplicationContext context;

	private int port;

	/**
	 * Starts a provider that lets {@code appBaseUrl} sign people in through the
	 * registration {@code registration}.
	 */
	public static SlackOidcProvider start(String appBaseUrl, String registration) {
		return start(List.of(appBaseUrl), registration);
	}

	/** The same for several replicas of the application, each at its own base URL. */
	public static SlackOidcProvider start(List<String> appBaseUrls, String registration) {
		return start(appBaseUrls, registration, true);
	}

	/**
	 * A provider like any other OIDC provider: the subject is the user name and the ID
	 * token has no Slack claims (the audit reviewer UI works with any provider).
	 */
	public static SlackOidcProvider startWithoutSlackClaims(String appBaseUrl, String registration) {
		return start(List.of(appBaseUrl), registration, false);
	}

	private static SlackOidcProvider start(List<String> appBaseUrls, String registration, boolean slackClaims) {
		String redirectUris = String.join(",",
				appBaseUrls.stream().map(url -> url + "/login/oauth2/code/" + registration).toList());
		SlackOidcProvider provider = new SlackOidcProvider();
		provider.port = FreePort.next();
		String client = "--spring.security.oauth2.authorizationserver.client.watchkeeper.";
		provider.context = new SpringApplicationBuilder(SlackOidcProvider.class).run(
				"--spring.config.name=slack-oidc-provider", "--server.port=" + provider.port,
				"--server.address=127.0.0.1", "--spring.main.banner-mode=off",
				"--slack-oidc-provider.slack-claims=" + slackClaims,
				"--spring.security.oauth2.authorizationserver.issuer=" + provider.issuer(),
				client + "registration.client-id=" + CLIENT_ID,
				client + "registration.client-secret={noop}" + CLIENT_SECRET,
				client + "registration.client-authentication-methods=client_secret_basic",
				client + "registration.authorization-grant-types=authorization_code",
				client + "registration.redirect-uris=" + redirectUris, client + "registration.scopes=openid,profile",
				client + "require-authorization-consent=false");
		return provider;
	}

	public String issuer() {
		return "http://127.0.0.1:" + port;
	}

	/**
	 * The application's side: an OAuth2 client registration pointing at this provider, as
	 * command-line args.
	 */
	public List<String> clientArguments(String registration) {
		String prefix = "--spring.security.oauth2.client.registration." + registration + ".";
		List<String> args = new ArrayList<>(List.of(prefix + "client-id=" + CLIENT_ID,
				prefix + "client-secret=" + CLIENT_SECRET, prefix + "client-name=Slack",
				prefix + "scope=openid,profile", prefix + "authorization-grant-type=authorization_code",
				prefix + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
				"--spring.security.oauth2.client.provider." + registration + ".issuer-uri=" + issuer()));
		return args;
	}

	@Override
	public void close() {
		context.close();
	}

	@Bean
	UserDetailsService people() {
		return new InMemoryUserDetailsManager(PEOPLE.stream()
			.map(p -> User.withUsername(p.username()).password("{noop}" + p.password()).roles("USER").build())
			.toList());
	}

	/** Slack's claims in the ID token, as Sign in with Slack issues them. */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> slackClaims(
			@Value("${slack-oidc-provider.slack-claims:true}") boolean enabled) {
		Map<String, Person> byName = new java.util.HashMap<>();
		PEOPLE.forEach(p -> byName.put(p.username(), p));
		return context -> {
			Person person = byName.get(context.getPrincipal().getName());
			if (enabled && person != null && OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				context.getClaims()
					.subject(person.slackUserId())
					.claim("https://slack.com/user_id", person.slackUserId())
					.claim("https://slack.com/team_id", person.teamId())
					.claim("name", person.name());
			}
		};
	}

}
