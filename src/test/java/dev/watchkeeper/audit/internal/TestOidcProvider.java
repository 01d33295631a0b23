package dev.watchkeeper.audit.internal;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
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
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider for the browser test: Spring Authorization Server in its
 * own small application context (web server, MVC, security and the authorization server
 * only), with two users: {@code rita}, a configured reviewer, and {@code mallory}, who is
 * not. Not a {@code @Configuration}, so the application's component scan never picks it
 * up; it is only ever a source of its own {@code SpringApplicationBuilder}.
 */
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
		HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
		ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
		OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class })
class TestOidcProvider {

	static final String CLIENT_ID = "watchkeeper";

	static final String CLIENT_SECRET = "watchkeeper-client-secret";

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("rita").password("{noop}rita-password").roles("USER").build(),
				User.withUsername("mallory").password("{noop}mallory-password").roles("USER").build());
	}

	/**
	 * Properties that register Watchkeeper as a client redirecting to {@code appBaseUrl}.
	 */
	static String[] properties(int port, String appBaseUrl) {
		String client = "--spring.security.oauth2.authorizationserver.client.watchkeeper.";
		return new String[] { "--spring.config.name=test-oidc-provider", "--server.port=" + port,
				"--server.address=127.0.0.1", "--spring.main.banner-mode=off",
				"--spring.security.oauth2.authorizationserver.issuer=http://127.0.0.1:" + port,
				client + "registration.client-id=" + CLIENT_ID,
				client + "registration.client-secret={noop}" + CLIENT_SECRET,
				client + "registration.client-authentication-methods=client_secret_basic",
				client + "registration.authorization-grant-types=authorization_code",
				client + "registration.redirect-uris=" + appBaseUrl + "/login/oauth2/code/test",
				client + "registration.scopes=openid,profile", client + "require-authorization-consent=false" };
	}

}
