package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.core.Secret;
import dev.watchkeeper.credentials.CredentialRevoked;
import dev.watchkeeper.credentials.VaultProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watchkeeper's Vault adapter assembled by hand (no Spring) against one Vault, with the
 * events it published.
 */
final class Harness {

	final VaultProperties properties;

	final VaultSession session;

	final VaultGateway gateway;

	final VaultRevocations revocations;

	final List<CredentialRevoked> events = new CopyOnWriteArrayList<>();

	Harness(VaultProperties properties, Clock clock) {
		this.properties = properties;
		this.session = new VaultSession(properties, new VaultClients(properties), clock);
		this.gateway = new VaultGateway(session, properties.address(), properties.readTimeout());
		this.revocations = new VaultRevocations(gateway, session, properties, clock, events::add);
	}

	static Harness withToken(String address, String token, Clock clock) {
		return new Harness(properties(address, Secret.of(token), null, null, null, null), clock);
	}

	static VaultProperties properties(String address, Secret token, Secret roleId, Secret secretId,
			String kubernetesRole, Path jwtFile) {
		return properties(address, token, roleId, secretId, kubernetesRole, jwtFile, null, Duration.ofSeconds(2));
	}

	static VaultProperties properties(String address, Secret token, Secret roleId, Secret secretId,
			String kubernetesRole, Path jwtFile, String namespace, Duration readTimeout) {
		return new VaultProperties(address, token, roleId, secretId, "approle", kubernetesRole, "kubernetes",
				jwtFile == null ? Path.of("/nonexistent/token") : jwtFile, namespace, null, Duration.ofSeconds(2),
				readTimeout, "database", Duration.ofSeconds(30), 2, 50);
	}

	VaultHealthIndicator health() {
		return new VaultHealthIndicator(properties, session, gateway);
	}

}
