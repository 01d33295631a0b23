package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.Secret;
import dev.watchkeeper.credentials.VaultProperties;
import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds driver clients that are safe to use: engine version 1 (the driver's default of
 * KV v2 rewrites {@code sys/...} into {@code sys/data/...}), no environment lookups (the
 * driver otherwise reads {@code VAULT_TOKEN}, {@code ~/.vault-token} and
 * {@code VAULT_SSL_VERIFY} behind the settings' back), no driver retries (they would
 * repeat 4xx answers and non-idempotent writes) and one shared HTTP client with explicit
 * timeouts and the configured CA.
 */
final class VaultClients {

	/**
	 * The driver consults the process environment for every unset field; Watchkeeper's
	 * settings are the only source.
	 */
	private static final EnvironmentLoader NO_ENVIRONMENT = new EnvironmentLoader() {

		@Override
		public @Nullable String loadVariable(String name) {
			return null;
		}
	};

	private final VaultProperties properties;

	private final HttpClient http;

	VaultClients(VaultProperties properties) {
		this.properties = properties;
		HttpClient.Builder builder = HttpClient.newBuilder()
			// Vault Agent cannot proxy h2c; the driver sticks to HTTP/1.1 for the same
			// reason
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.openTimeout())
			.followRedirects(HttpClient.Redirect.NEVER);
		if (properties.caFile() != null) {
			builder.sslContext(sslContextTrusting(properties));
		}
		this.http = builder.build();
	}

	/** A client sending {@code token} (or none, for login and {@code sys/health}). */
	Vault client(@Nullable Secret token) {
		try {
			VaultConfig config = new VaultConfig().environmentLoader(NO_ENVIRONMENT)
				.address(properties.address())
				.openTimeout(seconds(properties.openTimeout()))
				.readTimeout(seconds(properties.readTimeout()))
				.httpClient(http);
			if (token != null) {
				config.token(token.reveal());
			}
			if (properties.namespace() != null) {
				config.nameSpace(properties.namespace());
			}
			// engine version 1: paths go to Vault exactly as written
			return Vault.create(config.build(), 1);
		}
		catch (VaultException ex) {
			throw new InvalidConfiguration("Vault client settings are invalid: " + ex.getMessage());
		}
	}

	Duration readTimeout() {
		return properties.readTimeout();
	}

	/**
	 * The driver counts whole seconds; round up so a 1.5 s setting never becomes 1 s, and
	 * never 0 (no limit).
	 */
	static int seconds(Duration duration) {
		long millis = duration.toMillis();
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
	}

	private static SSLContext sslContextTrusting(VaultProperties properties) {
		try (InputStream pem = Files.newInputStream(properties.caFile())) {
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(pem);
			if (certificates.isEmpty()) {
				throw new InvalidConfiguration(
						"watchkeeper.vault.ca-file " + properties.caFile() + " contains no PEM certificate");
			}
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			int i = 0;
			for (Certificate certificate : certificates) {
				trust.setCertificateEntry("vault-ca-" + i++, certificate);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new InvalidConfiguration("watchkeeper.vault.ca-file " + properties.caFile()
					+ " is not a PEM certificate: " + ex.getMessage());
		}
	}

}
