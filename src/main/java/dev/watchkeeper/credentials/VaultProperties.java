package dev.watchkeeper.credentials;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vault settings. The well-known variables {@code VAULT_ADDR}, {@code VAULT_TOKEN},
 * {@code VAULT_ROLE_ID}, {@code VAULT_SECRET_ID} and {@code VAULT_NAMESPACE} are mapped
 * in {@code application.yml}; everything else is {@code watchkeeper.vault.*} (relaxed env
 * names such as {@code WATCHKEEPER_VAULT_KUBERNETES_ROLE}). Vault is off when no address
 * is set. Exactly one login method must be configured when it is on.
 *
 * @param address Vault's base URL, e.g. {@code https://vault.example.com:8200}; blank
 * turns the feature off
 * @param token a token to use as is (renewed while renewable; cannot be replaced when it
 * expires)
 * @param roleId AppRole role id; with {@code secretId}
 * @param secretId AppRole secret id; with {@code roleId}
 * @param approleMount where the AppRole auth method is mounted
 * @param kubernetesRole Vault role for Kubernetes auth; turns Kubernetes login on
 * @param kubernetesMount where the Kubernetes auth method is mounted
 * @param kubernetesJwtFile the service-account token presented to Vault, read again at
 * every login (it rotates)
 * @param namespace Vault Enterprise namespace sent as {@code X-Vault-Namespace}
 * @param caFile PEM file with the CA certificate(s) that signed Vault's TLS certificate
 * @param openTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; past it an action's outcome is
 * UNKNOWN until a lookup settles it
 * @param databaseMount where the database secrets engine is mounted (for static role
 * rotation)
 * @param renewalCheckInterval how often the own token's remaining lifetime is checked
 * @param prefixPreviewSize how many lease ids a prefix preview shows
 * @param prefixListLimit at most this many LIST calls to count the leases under a prefix
 */
@ConfigurationProperties("watchkeeper.vault")
public record VaultProperties(@Nullable String address, @Nullable Secret token, @Nullable Secret roleId,
		@Nullable Secret secretId, @DefaultValue("approle") String approleMount, @Nullable String kubernetesRole,
		@DefaultValue("kubernetes") String kubernetesMount,
		@DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount/token") Path kubernetesJwtFile,
		@Nullable String namespace, @Nullable Path caFile, @DefaultValue("5s") Duration openTimeout,
		@DefaultValue("10s") Duration readTimeout, @DefaultValue("database") String databaseMount,
		@DefaultValue("30s") Duration renewalCheckInterval, @DefaultValue("5") int prefixPreviewSize,
		@DefaultValue("50") int prefixListLimit) {

	private static final Pattern MOUNT = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

	/** How Watchkeeper logs in to Vault. */
	public enum LoginMethod {

		/** {@code VAULT_TOKEN}: used as is, renewed while Vault allows. */
		TOKEN,
		/**
		 * {@code VAULT_ROLE_ID} + {@code VAULT_SECRET_ID}: logs in again when renewal is
		 * no longer possible.
		 */
		APPROLE,
		/**
		 * {@code watchkeeper.vault.kubernetes-role}: logs in again with the current
		 * service-account token.
		 */
		KUBERNETES

	}

	public VaultProperties {
		address = blankToNull(address);
		kubernetesRole = blankToNull(kubernetesRole);
		namespace = blankToNull(namespace);
		approleMount = strip(approleMount);
		kubernetesMount = strip(kubernetesMount);
		databaseMount = strip(databaseMount);
		if (address != null) {
			address = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
			validateAddress(address);
		}
		List<LoginMethod> methods = new ArrayList<>();
		if (token != null) {
			methods.add(LoginMethod.TOKEN);
		}
		if (roleId != null || secretId != null) {
			if (roleId == null || secretId == null) {
				throw new InvalidConfiguration(roleId == null ? "VAULT_SECRET_ID is set but VAULT_ROLE_ID is missing"
						: "VAULT_ROLE_ID is set but VAULT_SECRET_ID is missing");
			}
			methods.add(LoginMethod.APPROLE);
		}
		if (kubernetesRole != null) {
			methods.add(LoginMethod.KUBERNETES);
		}
		if (address == null && !methods.isEmpty()) {
			throw new InvalidConfiguration("a Vault login is configured (" + methods.get(0).name().toLowerCase()
					+ ") but VAULT_ADDR is missing");
		}
		if (address != null && methods.isEmpty()) {
			throw new InvalidConfiguration("VAULT_ADDR is set but no Vault login is: set VAULT_TOKEN, or "
					+ "VAULT_ROLE_ID and VAULT_SECRET_ID, or WATCHKEEPER_VAULT_KUBERNETES_ROLE");
		}
		if (methods.size() > 1) {
			throw new InvalidConfiguration("more than one Vault login is configured (" + methods
					+ "): set only one of VAULT_TOKEN, VAULT_ROLE_ID/VAULT_SECRET_ID, WATCHKEEPER_VAULT_KUBERNETES_ROLE");
		}
		for (String[] mount : new String[][] { { "approle-mount", approleMount },
				{ "kubernetes-mount", kubernetesMount }, { "database-mount", databaseMount } }) {
			if (!MOUNT.matcher(mount[1]).matches() || mount[1].contains("..")) {
				throw new InvalidConfiguration("watchkeeper.vault." + mount[0] + " must be a mount path like 'approle' "
						+ "or 'team/approle', not '" + mount[1] + "'");
			}
		}
		if (openTimeout.isNegative() || openTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
			throw new InvalidConfiguration("watchkeeper.vault.open-timeout and read-timeout must be positive");
		}
		if (renewalCheckInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new InvalidConfiguration("watchkeeper.vault.renewal-check-interval must be at least 1s");
		}
		if (prefixPreviewSize < 1 || prefixListLimit < 1) {
			throw new InvalidConfiguration(
					"watchkeeper.vault.prefix-preview-size and prefix-list-limit must be at least 1");
		}
		if (address != null && caFile != null && !Files.isReadable(caFile)) {
			throw new InvalidConfiguration("watchkeeper.vault.ca-file " + caFile + " is not a readable file");
		}
	}

	/** Vault features are on when an address is configured. */
	public boolean enabled() {
		return address != null;
	}

	/** The configured login method; only meaningful when {@link #enabled()}. */
	public LoginMethod loginMethod() {
		if (token != null) {
			return LoginMethod.TOKEN;
		}
		return roleId != null ? LoginMethod.APPROLE : LoginMethod.KUBERNETES;
	}

	private static void validateAddress(String address) {
		URI uri;
		try {
			uri = URI.create(address);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfiguration("VAULT_ADDR is not a URL: '" + address + "'");
		}
		if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
			throw new InvalidConfiguration(
					"VAULT_ADDR must be an http(s) URL such as https://vault.example.com:8200, not '" + address + "'");
		}
		if (uri.getQuery() != null || uri.getFragment() != null
				|| (uri.getPath() != null && !uri.getPath().isEmpty())) {
			throw new InvalidConfiguration("VAULT_ADDR must be Vault's base URL without a path (Watchkeeper adds "
					+ "/v1/...), not '" + address + "'");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String strip(String mount) {
		String value = mount.strip();
		while (value.startsWith("/")) {
			value = value.substring(1);
		}
		while (value.endsWith("/")) {
			value = value.substring(0, value.length() - 1);
		}
		return value;
	}
}
