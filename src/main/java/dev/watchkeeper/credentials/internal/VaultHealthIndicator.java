package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.credentials.VaultProperties;
import dev.watchkeeper.credentials.internal.VaultGateway.Call;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.response.HealthResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health} component {@code vault}: reachable and unsealed
 * ({@code sys/health}), Watchkeeper logged in and its token valid, and whether its policy
 * grants what the actions need ({@code sys/capabilities-self}). Vault not configured is
 * UNKNOWN with a note, not DOWN: the feature is simply off.
 */
final class VaultHealthIndicator implements HealthIndicator {

	private final VaultProperties properties;

	private final @Nullable VaultSession session;

	private final @Nullable VaultGateway gateway;

	VaultHealthIndicator(VaultProperties properties, @Nullable VaultSession session, @Nullable VaultGateway gateway) {
		this.properties = properties;
		this.session = session;
		this.gateway = gateway;
	}

	@Override
	public Health health() {
		if (!properties.enabled() || session == null || gateway == null) {
			return Health.unknown().withDetail("vault", "not configured (set VAULT_ADDR to enable)").build();
		}
		Health.Builder health = Health.up().withDetail("login", properties.loginMethod().name().toLowerCase());
		HealthResponse status;
		try {
			status = session.anonymous().debug().health();
		}
		catch (VaultException ex) {
			VaultProblem problem = DriverFailures.classify(ex, "GET sys/health",
					Objects.requireNonNull(properties.address()), properties.readTimeout());
			return health.down().withDetail("reachable", false).withDetail("error", problem.getMessage()).build();
		}
		health.withDetail("reachable", true);
		if (Boolean.TRUE.equals(status.getSealed())) {
			return health.down().withDetail("sealed", true).build();
		}
		if (Boolean.FALSE.equals(status.getInitialized())) {
			return health.down().withDetail("initialized", false).build();
		}
		health.withDetail("sealed", false);
		VaultToken token;
		try {
			token = session.authenticated().token();
		}
		catch (VaultProblem ex) {
			return health.down().withDetail("error", ex.getMessage()).build();
		}
		health.withDetail("tokenExpires", VaultTimes.format(token.expiresAt()))
			.withDetail("tokenRenewable", token.renewable());
		if (session.problem() != null) {
			health.withDetail("lastRenewalProblem", Objects.requireNonNull(session.problem()));
		}
		return capabilities(health);
	}

	/**
	 * Paths and capabilities the actions use; revoke-prefix and database rotation are
	 * optional.
	 */
	static Map<String, List<String>> required(VaultProperties properties) {
		Map<String, List<String>> paths = new LinkedHashMap<>();
		paths.put("sys/leases/lookup", List.of("update"));
		paths.put("sys/leases/revoke", List.of("update"));
		paths.put("auth/token/lookup-accessor", List.of("update"));
		paths.put("auth/token/revoke-accessor", List.of("update"));
		return paths;
	}

	static Map<String, List<String>> optional(VaultProperties properties) {
		Map<String, List<String>> paths = new LinkedHashMap<>();
		paths.put("sys/leases/lookup/", List.of("list", "sudo"));
		paths.put("sys/leases/revoke-prefix/", List.of("update", "sudo"));
		paths.put(properties.databaseMount() + "/static-roles/", List.of("read"));
		paths.put(properties.databaseMount() + "/rotate-role/", List.of("update"));
		return paths;
	}

	private Health capabilities(Health.Builder health) {
		Map<String, List<String>> required = required(properties);
		Map<String, List<String>> optional = optional(properties);
		JsonArray paths = new JsonArray();
		required.keySet().forEach(paths::add);
		optional.keySet().forEach(paths::add);
		VaultReply reply;
		try {
			reply = Objects.requireNonNull(gateway).send(Call.update("sys/capabilities-self", Map.of("paths", paths)));
		}
		catch (VaultProblem ex) {
			return health.withDetail("capabilities", "unknown (" + ex.getMessage() + ")").build();
		}
		JsonObject granted = reply.data().isEmpty() ? reply.body() : reply.data();
		List<String> missing = missing(required, granted);
		List<String> unavailable = missing(optional, granted);
		if (!unavailable.isEmpty()) {
			health.withDetail("optionalCapabilitiesMissing", unavailable);
		}
		if (!missing.isEmpty()) {
			return health.down().withDetail("capabilitiesMissing", missing).build();
		}
		return health.build();
	}

	private static List<String> missing(Map<String, List<String>> wanted, JsonObject granted) {
		List<String> missing = new ArrayList<>();
		wanted.forEach((path, capabilities) -> {
			List<String> has = VaultReply.strings(granted.get(path));
			boolean root = has.contains("root");
			for (String capability : capabilities) {
				if (!root && !has.contains(capability)) {
					missing.add(capability + " on " + path);
				}
			}
		});
		return missing;
	}

}
