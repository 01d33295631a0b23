package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.credentials.internal.VaultProblem.PolicyLacksCapability;
import dev.watchkeeper.credentials.internal.VaultProblem.VaultUnavailable;
import dev.watchkeeper.credentials.internal.VaultSession.Authenticated;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw Vault calls for the endpoints the driver has no (working) typed method for: lease
 * lookup and revoke, LIST of leases, revoke-prefix, token lookup/revoke by accessor,
 * database static roles, capabilities. All go through {@code logical()} on an
 * engine-version-1 client, which sends the path unchanged, passes 4xx answers back
 * instead of throwing, accepts both 200 and 204 on writes (so a revoke answered 200 with
 * warnings is a success, unlike {@code sys().leases().revoke}), and never retries. A 403
 * is checked once: if Watchkeeper's own token was the problem it logs in again and
 * repeats the call (safe: Vault checks policy before acting), otherwise the policy lacks
 * the capability.
 */
final class VaultGateway {

	private static final Logger log = LoggerFactory.getLogger(VaultGateway.class);

	private final VaultSession session;

	private final String address;

	private final Duration readTimeout;

	/**
	 * One call: HTTP verb as Vault documents it, the path after {@code /v1/}, and what
	 * the policy must grant.
	 */
	record Call(String method, String path, @Nullable Map<String, Object> body, String capability) {

		static Call read(String path) {
			return new Call("GET", path, null, "read");
		}

		static Call list(String path) {
			return new Call("LIST", path, null, "list");
		}

		static Call update(String path, Map<String, Object> body) {
			return new Call("POST", path, body, "update");
		}

		Call needingSudo() {
			return new Call(method, path, body, capability + "+sudo");
		}

		String describe() {
			return method + " " + path;
		}
	}

	VaultGateway(VaultSession session, String address, Duration readTimeout) {
		this.session = session;
		this.address = address;
		this.readTimeout = readTimeout;
	}

	/**
	 * Sends the call and returns Vault's answer for 2xx and 4xx other than 403 (the
	 * caller knows what a 400 or 404 means for its endpoint). Throws
	 * {@link PolicyLacksCapability} for a 403 to a valid token, and the other
	 * {@link VaultProblem}s for transport failures, a sealed Vault and 5xx.
	 */
	VaultReply send(Call call) {
		Authenticated login = session.authenticated();
		VaultReply reply = attempt(login.vault(), call);
		if (reply.status() == 403) {
			if (!session.stillValid(login)) {
				session.rejected(login);
				if (!session.canLogInAgain()) {
					throw new VaultUnavailable("Vault no longer accepts VAULT_TOKEN (expired or revoked), so nothing "
							+ "was changed; set a valid token or use AppRole/Kubernetes login");
				}
				reply = attempt(session.authenticated().vault(), call);
			}
			if (reply.status() == 403) {
				throw new PolicyLacksCapability(call.capability(), call.path());
			}
		}
		if (reply.status() == 429 || reply.status() >= 500) {
			throw DriverFailures.fromStatus(reply, call.describe());
		}
		return reply;
	}

	/**
	 * The 4xx answers without a meaning for the calling operation become a
	 * {@link VaultProblem}.
	 */
	VaultProblem unexpected(VaultReply reply, Call call) {
		return DriverFailures.fromStatus(reply, call.describe());
	}

	private VaultReply attempt(Vault vault, Call call) {
		try {
			LogicalResponse response = switch (call.method()) {
				case "GET" -> vault.logical().read(call.path());
				// the driver sends LIST as GET ?list=true, which Vault documents as
				// equivalent
				case "LIST" -> vault.logical().list(call.path());
				case "POST" -> vault.logical().write(call.path(), call.body());
				default -> throw new IllegalArgumentException("unsupported method " + call.method());
			};
			if (response == null) {
				// logical().list() swallows a thrown 404 into null; Vault answers 404 to
				// a LIST with no keys
				return VaultReply.of(404, null);
			}
			VaultReply reply = VaultReply.of(response.getRestResponse().getStatus(),
					response.getRestResponse().getBody());
			log.debug("Vault {} -> {}", call.describe(), reply.status());
			return reply;
		}
		catch (VaultException ex) {
			VaultProblem problem = DriverFailures.classify(ex, call.describe(), address, readTimeout);
			log.debug("Vault {} failed: {}", call.describe(), problem.getMessage());
			throw problem;
		}
	}

}
