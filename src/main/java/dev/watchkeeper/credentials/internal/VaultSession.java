package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.core.Secret;
import dev.watchkeeper.credentials.VaultProperties;
import dev.watchkeeper.credentials.VaultProperties.LoginMethod;
import dev.watchkeeper.credentials.internal.VaultProblem.VaultFailed;
import dev.watchkeeper.credentials.internal.VaultProblem.VaultUnavailable;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watchkeeper's own Vault login: logs in lazily (token, AppRole or Kubernetes), renews
 * the token before it expires and logs in again when renewal is no longer possible. The
 * driver does neither by itself. Each replica has its own token, which is why this is a
 * per-process loop and not a clustered Quartz job. Nothing here logs a token.
 */
final class VaultSession {

	private static final Logger log = LoggerFactory.getLogger(VaultSession.class);

	private final VaultProperties properties;

	private final VaultClients clients;

	private final Clock clock;

	private final Object lock = new Object();

	private @Nullable Authenticated current;

	private volatile @Nullable String problem;

	/** A token and the driver client that sends it. */
	record Authenticated(VaultToken token, Vault vault) {
	}

	VaultSession(VaultProperties properties, VaultClients clients, Clock clock) {
		this.properties = properties;
		this.clients = clients;
		this.clock = clock;
	}

	/** The current login, logging in first when there is none or it expired. */
	Authenticated authenticated() {
		synchronized (lock) {
			Authenticated login = current;
			if (login == null || (login.token().expired(clock.instant()) && canLogInAgain())) {
				login = logIn();
			}
			return login;
		}
	}

	/**
	 * A driver client without a token, for login and the unauthenticated
	 * {@code sys/health}.
	 */
	Vault anonymous() {
		return clients.client(null);
	}

	LoginMethod method() {
		return properties.loginMethod();
	}

	/**
	 * A static {@code VAULT_TOKEN} cannot be replaced by Watchkeeper; AppRole and
	 * Kubernetes can log in again.
	 */
	boolean canLogInAgain() {
		return properties.loginMethod() != LoginMethod.TOKEN;
	}

	/**
	 * The last login or renewal problem, for the health indicator; {@code null} when the
	 * last attempt worked.
	 */
	@Nullable String problem() {
		return problem;
	}

	/** The current token without logging in, for the health indicator. */
	@Nullable VaultToken peek() {
		synchronized (lock) {
			return current == null ? null : current.token();
		}
	}

	/**
	 * Asks Vault whether {@code login}'s token is still valid
	 * ({@code auth/token/lookup-self}). Only a 403 counts as "no": a timeout or a sealed
	 * Vault says nothing about the token.
	 */
	boolean stillValid(Authenticated login) {
		try {
			login.vault().auth().lookupSelf();
			return true;
		}
		catch (VaultException ex) {
			return ex.getHttpStatusCode() != 403;
		}
	}

	/**
	 * Forgets {@code login} after Vault refused its token, so the next call logs in
	 * again.
	 */
	void rejected(Authenticated login) {
		synchronized (lock) {
			if (current == login) {
				current = null;
				log.warn("Vault refused Watchkeeper's token (expired or revoked); it will log in again");
			}
		}
	}

	/**
	 * Logs in again even though the current token still works, e.g. after a policy
	 * change.
	 */
	Authenticated logInAgain() {
		synchronized (lock) {
			return logIn();
		}
	}

	/**
	 * Called every {@code renewal-check-interval}: logs in when there is no token, renews
	 * when two thirds of its lifetime have passed, and logs in again when renewal is
	 * refused or capped near the max TTL. Never throws: a problem is logged (without the
	 * token) and reported by the health indicator.
	 */
	void maintain() {
		synchronized (lock) {
			try {
				Authenticated login = current;
				Instant now = clock.instant();
				if (login == null) {
					logIn();
					return;
				}
				VaultToken token = login.token();
				if (!token.renewalDue(now)) {
					return;
				}
				if (!token.renewable()) {
					if (canLogInAgain()) {
						logIn();
					}
					else {
						problem = "VAULT_TOKEN is not renewable and expires at " + token.expiresAt()
								+ "; set a new token or use AppRole/Kubernetes login";
						log.warn("Vault: {}", problem);
					}
					return;
				}
				renew(login, now);
			}
			catch (VaultProblem ex) {
				problem = ex.getMessage();
				log.warn("Vault login/renewal failed: {}", ex.getMessage());
			}
		}
	}

	private void renew(Authenticated login, Instant now) {
		AuthResponse renewed;
		try {
			renewed = login.vault().auth().renewSelf();
		}
		catch (VaultException ex) {
			VaultProblem problem = classify(ex, "POST auth/token/renew-self");
			if (problem instanceof VaultFailed failed && failed.status() < 500) {
				// 400 "not renewable" or 403 expired: renewal is no longer possible
				log.info("Vault refused to renew Watchkeeper's token ({}){}", failed.status(),
						canLogInAgain() ? "; logging in again" : "");
				if (canLogInAgain()) {
					logIn();
					return;
				}
			}
			throw problem;
		}
		VaultToken token = login.token()
			.renewed(now, Duration.ofSeconds(renewed.getAuthLeaseDuration()), renewed.isAuthRenewable());
		if (token.nearMaxTtl() && canLogInAgain()) {
			log.info("Vault capped the renewal of Watchkeeper's token near its max TTL; logging in again");
			logIn();
			return;
		}
		current = new Authenticated(token, login.vault());
		problem = null;
		log.debug("renewed Watchkeeper's Vault token, ttl {}", token.ttl());
	}

	private Authenticated logIn() {
		Authenticated previous = current;
		VaultToken token;
		try {
			token = switch (properties.loginMethod()) {
				case TOKEN -> lookUpStaticToken(Objects.requireNonNull(properties.token()));
				case APPROLE -> fromLogin(anonymous().auth()
					.loginByAppRole(properties.approleMount(), Objects.requireNonNull(properties.roleId()).reveal(),
							Objects.requireNonNull(properties.secretId()).reveal()));
				case KUBERNETES -> fromLogin(anonymous().auth()
					.loginByKubernetes(Objects.requireNonNull(properties.kubernetesRole()), serviceAccountJwt(),
							"auth/" + properties.kubernetesMount()));
			};
		}
		catch (VaultException ex) {
			VaultProblem failure = loginProblem(classify(ex, "the " + describe(properties.loginMethod()) + " login"));
			problem = failure.getMessage();
			throw failure;
		}
		Authenticated login = new Authenticated(token, clients.client(token.token()));
		current = login;
		problem = null;
		log.info("logged in to Vault with {} (token ttl {}, renewable {})", describe(properties.loginMethod()),
				token.expires() ? token.ttl() : "none", token.renewable());
		if (previous != null && canLogInAgain()) {
			revokeQuietly(previous);
		}
		return login;
	}

	private VaultToken lookUpStaticToken(Secret token) throws VaultException {
		LookupResponse self = clients.client(token).auth().lookupSelf();
		Duration ttl = Duration.ofSeconds(self.getTTL());
		Duration granted = self.getCreationTTL() > 0 ? Duration.ofSeconds(self.getCreationTTL()) : ttl;
		return new VaultToken(token, self.getAccessor(), clock.instant(), ttl, self.isRenewable(), granted);
	}

	private VaultToken fromLogin(AuthResponse login) {
		Duration ttl = Duration.ofSeconds(login.getAuthLeaseDuration());
		return new VaultToken(Secret.of(login.getAuthClientToken()), login.getTokenAccessor(), clock.instant(), ttl,
				login.isAuthRenewable(), ttl);
	}

	private String serviceAccountJwt() {
		try {
			// read at every login: the kubelet rotates projected service-account tokens
			return Files.readString(properties.kubernetesJwtFile()).strip();
		}
		catch (IOException ex) {
			throw new VaultUnavailable("cannot read the Kubernetes service-account token at "
					+ properties.kubernetesJwtFile() + " (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private VaultProblem loginProblem(VaultProblem problem) {
		if (problem instanceof VaultFailed failed && failed.status() < 500) {
			String errors = failed.errors().isEmpty() ? "" : " (" + String.join("; ", failed.errors()) + ")";
			return new VaultUnavailable(switch (properties.loginMethod()) {
				case TOKEN -> "Vault refused VAULT_TOKEN" + errors
						+ ": it expired or was revoked; set a valid token, or use AppRole or Kubernetes login so "
						+ "Watchkeeper can log in again by itself";
				case APPROLE -> "Vault refused Watchkeeper's AppRole login" + errors
						+ ": check VAULT_ROLE_ID, VAULT_SECRET_ID and watchkeeper.vault.approle-mount";
				case KUBERNETES -> "Vault refused Watchkeeper's Kubernetes login" + errors
						+ ": check watchkeeper.vault.kubernetes-role, kubernetes-mount and the service account";
			});
		}
		return problem;
	}

	private void revokeQuietly(Authenticated previous) {
		try {
			// fewer live tokens, less to leak; the default policy allows revoke-self
			previous.vault().auth().revokeSelf();
		}
		catch (VaultException ex) {
			log.debug("could not revoke Watchkeeper's previous Vault token ({}); it expires by itself",
					ex.getHttpStatusCode());
		}
	}

	private VaultProblem classify(VaultException ex, String call) {
		return DriverFailures.classify(ex, call, Objects.requireNonNull(properties.address()), clients.readTimeout());
	}

	private static String describe(LoginMethod method) {
		return switch (method) {
			case TOKEN -> "VAULT_TOKEN";
			case APPROLE -> "AppRole";
			case KUBERNETES -> "Kubernetes auth";
		};
	}

}
