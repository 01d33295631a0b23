package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.credentials.CredentialAction;
import dev.watchkeeper.credentials.CredentialRevoked;
import dev.watchkeeper.credentials.DatabaseRoleName;
import dev.watchkeeper.credentials.LeaseId;
import dev.watchkeeper.credentials.LeasePrefix;
import dev.watchkeeper.credentials.TokenAccessor;
import dev.watchkeeper.credentials.VaultProperties;
import dev.watchkeeper.credentials.Verification;
import dev.watchkeeper.credentials.internal.VaultGateway.Call;
import dev.watchkeeper.credentials.internal.VaultProblem.NotFoundInVault;
import dev.watchkeeper.credentials.internal.VaultProblem.PolicyLacksCapability;
import io.github.jopenlibs.vault.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four Vault actions: a read-only preview for approvers, execution with verify-after,
 * and an effect check for settling an interrupted execution. Execution always looks again
 * after acting, because Vault answers 204 to a revoke of a lease that never existed and
 * can fail after acting; a call whose outcome is uncertain (timeout, 5xx) is settled by a
 * lookup, never retried blind. Problems that prove nothing happened (sealed, unreachable,
 * 403) are thrown as {@link VaultProblem}s so the request fails visibly.
 */
final class VaultRevocations {

	private static final Logger log = LoggerFactory.getLogger(VaultRevocations.class);

	private final VaultGateway gateway;

	private final VaultSession session;

	private final VaultProperties properties;

	private final Clock clock;

	private final Consumer<CredentialRevoked> events;

	/** Who ran an action for which request, for the audit event. */
	record Execution(String actor, String requestId, String incidentId) {
	}

	/** What execution found when it looked again. */
	record Outcome(Verification verification, String summary) {
	}

	VaultRevocations(VaultGateway gateway, VaultSession session, VaultProperties properties, Clock clock,
			Consumer<CredentialRevoked> events) {
		this.gateway = gateway;
		this.session = session;
		this.properties = properties;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * The preview for one action and its (already validated) parameter; refuses what
	 * Vault does not know.
	 */
	VaultPreview preview(CredentialAction action, String value) {
		return switch (action) {
			case REVOKE_LEASE -> previewLease(new LeaseId(value));
			case REVOKE_PREFIX -> previewPrefix(new LeasePrefix(value));
			case REVOKE_TOKEN_ACCESSOR -> previewAccessor(new TokenAccessor(value));
			case ROTATE_DATABASE_ROLE -> previewRole(new DatabaseRoleName(value));
		};
	}

	/**
	 * Runs one action once, looks again, publishes {@link CredentialRevoked} and returns
	 * what the look showed.
	 */
	Outcome execute(CredentialAction action, String value, Execution execution) {
		Outcome outcome = switch (action) {
			case REVOKE_LEASE -> revokeLease(new LeaseId(value));
			case REVOKE_PREFIX -> revokePrefix(new LeasePrefix(value));
			case REVOKE_TOKEN_ACCESSOR -> revokeAccessor(new TokenAccessor(value));
			case ROTATE_DATABASE_ROLE -> rotateRole(new DatabaseRoleName(value));
		};
		log.info("{} for request {}: {} ({})", action.typeId(), execution.requestId(), outcome.verification(),
				outcome.summary());
		events.accept(new CredentialRevoked(UUID.randomUUID(), clock.instant(), execution.actor(), action, value,
				outcome.verification(), outcome.summary(), execution.requestId(), execution.incidentId()));
		return outcome;
	}

	/**
	 * Whether the action's effect is in place, for a request whose execution was
	 * interrupted: the lease or token is gone, the prefix is empty, the role was rotated
	 * at or after {@code since}. Any Vault problem gives UNKNOWN.
	 */
	Verification effect(CredentialAction action, String value, Instant since) {
		try {
			return switch (action) {
				case REVOKE_LEASE ->
					lookUpLease(new LeaseId(value)) == null ? Verification.CONFIRMED : Verification.NOT_CONFIRMED;
				case REVOKE_PREFIX -> {
					LeaseCount left = countLeases(new LeasePrefix(value));
					yield left.count() == 0 && left.complete() ? Verification.CONFIRMED : Verification.NOT_CONFIRMED;
				}
				case REVOKE_TOKEN_ACCESSOR -> lookUpAccessor(new TokenAccessor(value)) == null ? Verification.CONFIRMED
						: Verification.NOT_CONFIRMED;
				case ROTATE_DATABASE_ROLE -> {
					StaticRolePreview role = readRole(new DatabaseRoleName(value));
					yield role != null && role.lastVaultRotation() != null && !role.lastVaultRotation().isBefore(since)
							? Verification.CONFIRMED : Verification.NOT_CONFIRMED;
				}
			};
		}
		catch (VaultProblem ex) {
			log.info("effect check of {} could not ask Vault: {}", action.typeId(), ex.getMessage());
			return Verification.UNKNOWN;
		}
	}

	// --- leases
	// -------------------------------------------------------------------------------------------------

	LeasePreview previewLease(LeaseId lease) {
		LeasePreview preview = lookUpLease(lease);
		if (preview == null) {
			throw new NotFoundInVault("lease " + lease.value());
		}
		return preview;
	}

	/** Lookup → revoke → lookup again. */
	Outcome revokeLease(LeaseId lease) {
		if (lookUpLease(lease) == null) {
			return new Outcome(Verification.CONFIRMED,
					"lease already gone before the revoke (expired or revoked elsewhere); nothing sent");
		}
		Sent sent = send(Call.update("sys/leases/revoke", body("lease_id", lease.value(), "sync", true)));
		try {
			LeasePreview after = lookUpLease(lease);
			if (after == null) {
				return new Outcome(Verification.CONFIRMED, "revoked and verified gone" + sent.note());
			}
			return new Outcome(Verification.NOT_CONFIRMED,
					"revoke sent but still present (ttl " + VaultTimes.human(after.ttl()) + ")" + sent.note());
		}
		catch (VaultProblem ex) {
			return unknown("revoke sent" + sent.note(false), ex);
		}
	}

	private @Nullable LeasePreview lookUpLease(LeaseId lease) {
		Call call = Call.update("sys/leases/lookup", body("lease_id", lease.value()));
		VaultReply reply = gateway.send(call);
		if (reply.status() == 404 || (reply.status() == 400 && reply.errorMentions("invalid lease"))) {
			return null;
		}
		if (!reply.ok()) {
			throw gateway.unexpected(reply, call);
		}
		JsonObject data = reply.data();
		return new LeasePreview(lease, VaultTimes.instant(data, "issue_time"), VaultTimes.instant(data, "expire_time"),
				VaultTimes.instant(data, "last_renewal"), Duration.ofSeconds(VaultReply.number(data, "ttl", 0)),
				VaultReply.bool(data, "renewable"));
	}

	// --- prefixes
	// -----------------------------------------------------------------------------------------------

	PrefixPreview previewPrefix(LeasePrefix prefix) {
		LeaseCount count;
		try {
			count = countLeases(prefix);
		}
		catch (PolicyLacksCapability ex) {
			// the listing needs sudo; without it approvers are told the blast radius is
			// unknown
			return new PrefixPreview(prefix, 0, false, List.of(), ex.getMessage());
		}
		if (count.count() == 0) {
			throw new NotFoundInVault("no lease under " + prefix.value() + " was");
		}
		return new PrefixPreview(prefix, count.count(), count.complete(), count.first(), null);
	}

	/** Count → revoke-prefix → count again. */
	Outcome revokePrefix(LeasePrefix prefix) {
		@Nullable LeaseCount before = null;
		try {
			before = countLeases(prefix);
		}
		catch (PolicyLacksCapability ex) {
			log.info("cannot count leases under the prefix before revoking: {}", ex.getMessage());
		}
		Sent sent = send(Call.update("sys/leases/revoke-prefix/" + prefix.value(), body("sync", true)).needingSudo());
		String revoked = before == null ? "revoke-prefix sent" : "revoke-prefix sent for "
				+ (before.complete() ? "" : "at least ") + before.count() + " lease" + (before.count() == 1 ? "" : "s");
		try {
			LeaseCount after = countLeases(prefix);
			if (after.count() == 0) {
				return new Outcome(Verification.CONFIRMED, revoked + "; verified none left" + sent.note());
			}
			return new Outcome(Verification.NOT_CONFIRMED, revoked + " but " + (after.complete() ? "" : "at least ")
					+ after.count() + " still present" + sent.note());
		}
		catch (VaultProblem ex) {
			return unknown(revoked + sent.note(false), ex);
		}
	}

	/**
	 * Leases under a prefix, found by LIST, descending into sub-paths up to
	 * {@code prefix-list-limit} calls.
	 */
	private LeaseCount countLeases(LeasePrefix prefix) {
		Deque<String> folders = new ArrayDeque<>(List.of(prefix.value()));
		List<String> first = new ArrayList<>();
		int count = 0;
		int calls = 0;
		while (!folders.isEmpty()) {
			if (calls == properties.prefixListLimit()) {
				return new LeaseCount(count, false, first);
			}
			String folder = folders.poll();
			calls++;
			Call call = Call.list("sys/leases/lookup/" + folder).needingSudo();
			VaultReply reply = gateway.send(call);
			if (reply.status() == 404) {
				// Vault answers 404 {"errors":[]} to a LIST with nothing under it
				continue;
			}
			if (!reply.ok()) {
				throw gateway.unexpected(reply, call);
			}
			for (String key : VaultReply.strings(reply.data().get("keys"))) {
				if (key.endsWith("/")) {
					folders.add(folder + key);
				}
				else {
					count++;
					if (first.size() < properties.prefixPreviewSize()) {
						first.add(folder + key);
					}
				}
			}
		}
		return new LeaseCount(count, true, first);
	}

	private record LeaseCount(int count, boolean complete, List<String> first) {
	}

	// --- token accessors
	// ----------------------------------------------------------------------------------------

	AccessorPreview previewAccessor(TokenAccessor accessor) {
		refuseOwnToken(accessor);
		AccessorPreview preview = lookUpAccessor(accessor);
		if (preview == null) {
			throw new NotFoundInVault("token accessor " + accessor.value());
		}
		return preview;
	}

	/** lookup-accessor → revoke-accessor → lookup-accessor again. */
	Outcome revokeAccessor(TokenAccessor accessor) {
		refuseOwnToken(accessor);
		if (lookUpAccessor(accessor) == null) {
			return new Outcome(Verification.CONFIRMED,
					"token already gone before the revoke (expired or revoked elsewhere); nothing sent");
		}
		Call revoke = Call.update("auth/token/revoke-accessor", body("accessor", accessor.value()));
		Sent sent = send(revoke, reply -> reply.status() == 400 && reply.errorMentions("invalid accessor"));
		try {
			AccessorPreview after = lookUpAccessor(accessor);
			if (after == null) {
				return new Outcome(Verification.CONFIRMED, "revoked and verified gone" + sent.note());
			}
			return new Outcome(Verification.NOT_CONFIRMED, "revoke sent but the token is still present (ttl "
					+ VaultTimes.human(after.ttl()) + ")" + sent.note());
		}
		catch (VaultProblem ex) {
			return unknown("revoke sent" + sent.note(false), ex);
		}
	}

	private @Nullable AccessorPreview lookUpAccessor(TokenAccessor accessor) {
		Call call = Call.update("auth/token/lookup-accessor", body("accessor", accessor.value()));
		VaultReply reply = gateway.send(call);
		if (reply.status() == 404 || (reply.status() == 400 && reply.errorMentions("invalid accessor"))) {
			return null;
		}
		if (!reply.ok()) {
			throw gateway.unexpected(reply, call);
		}
		JsonObject data = reply.data();
		return new AccessorPreview(accessor, Objects.requireNonNullElse(VaultReply.string(data, "display_name"), ""),
				VaultReply.strings(data.get("policies")), VaultTimes.instant(data, "creation_time"),
				VaultTimes.instant(data, "expire_time"), Duration.ofSeconds(VaultReply.number(data, "ttl", 0)),
				Objects.requireNonNullElse(VaultReply.string(data, "path"), ""),
				Objects.requireNonNullElse(VaultReply.string(data, "type"), ""), VaultReply.bool(data, "orphan"),
				VaultReply.number(data, "num_uses", 0));
	}

	private void refuseOwnToken(TokenAccessor accessor) {
		VaultToken own = session.authenticated().token();
		if (accessor.value().equals(own.accessor())) {
			throw new IllegalArgumentException("that accessor belongs to Watchkeeper's own Vault token; revoking it "
					+ "would stop every Vault action. Use the Vault CLI if that is really intended");
		}
	}

	// --- database static roles
	// ----------------------------------------------------------------------------------

	StaticRolePreview previewRole(DatabaseRoleName role) {
		StaticRolePreview preview = readRole(role);
		if (preview == null) {
			throw new NotFoundInVault(
					"database static role " + role.value() + " (mount " + properties.databaseMount() + "/)");
		}
		return preview;
	}

	/**
	 * Read → rotate-role → read again: the rotation happened when
	 * {@code last_vault_rotation} moved.
	 */
	Outcome rotateRole(DatabaseRoleName role) {
		StaticRolePreview before = previewRole(role);
		Call rotate = Call.update(properties.databaseMount() + "/rotate-role/" + role.value(), Map.of());
		Sent sent = send(rotate, reply -> false);
		try {
			StaticRolePreview after = readRole(role);
			if (after == null) {
				return new Outcome(Verification.UNKNOWN, "rotate sent but the role is gone now" + sent.note());
			}
			Instant was = before.lastVaultRotation();
			Instant now = after.lastVaultRotation();
			if (now != null && (was == null || now.isAfter(was))) {
				return new Outcome(Verification.CONFIRMED,
						"rotated and verified (last rotation " + VaultTimes.format(now) + ")" + sent.note());
			}
			return new Outcome(Verification.NOT_CONFIRMED,
					"rotate sent but the last rotation is unchanged (" + VaultTimes.format(was) + ")" + sent.note());
		}
		catch (VaultProblem ex) {
			return unknown("rotate sent" + sent.note(false), ex);
		}
	}

	private @Nullable StaticRolePreview readRole(DatabaseRoleName role) {
		Call call = Call.read(properties.databaseMount() + "/static-roles/" + role.value());
		VaultReply reply = gateway.send(call);
		if (reply.status() == 404) {
			return null;
		}
		if (!reply.ok()) {
			throw gateway.unexpected(reply, call);
		}
		JsonObject data = reply.data();
		return new StaticRolePreview(role, properties.databaseMount(),
				Objects.requireNonNullElse(VaultReply.string(data, "username"), ""),
				Objects.requireNonNullElse(VaultReply.string(data, "db_name"), ""),
				Duration.ofSeconds(VaultReply.number(data, "rotation_period", 0)),
				VaultTimes.instant(data, "last_vault_rotation"), Duration.ofSeconds(VaultReply.number(data, "ttl", 0)));
	}

	// --- shared
	// -------------------------------------------------------------------------------------------------

	/**
	 * The write's fate: sent and answered (with Vault's warnings, if any), or sent with
	 * an uncertain outcome.
	 */
	private record Sent(List<String> warnings, @Nullable VaultProblem uncertainty) {

		String note() {
			return note(true);
		}

		/**
		 * Vault's warnings and, if the answer was uncertain, why; {@code settled} when a
		 * lookup then decided.
		 */
		String note(boolean settled) {
			StringBuilder note = new StringBuilder();
			if (uncertainty != null) {
				note.append(" (").append(uncertainty.getMessage()).append(settled ? "; settled by a lookup)" : ")");
			}
			if (!warnings.isEmpty()) {
				note.append(" (Vault warned: ").append(String.join("; ", warnings)).append(')');
			}
			return note.toString();
		}
	}

	private Sent send(Call call) {
		return send(call, reply -> false);
	}

	/**
	 * Sends a write. A problem proving nothing happened is thrown (the request fails
	 * visibly); one that leaves the outcome open (timeout, 5xx) is kept so the lookup
	 * after it decides. {@code alreadyGone} recognises a 4xx that means the target
	 * vanished in the meantime.
	 */
	private Sent send(Call call, java.util.function.Predicate<VaultReply> alreadyGone) {
		try {
			VaultReply reply = gateway.send(call);
			if (reply.ok() || alreadyGone.test(reply)) {
				return new Sent(reply.warnings(), null);
			}
			throw gateway.unexpected(reply, call);
		}
		catch (VaultProblem problem) {
			if (problem.mayHaveActed()) {
				log.warn("{}: outcome uncertain ({}); looking it up instead of retrying", call.describe(),
						problem.getMessage());
				return new Sent(List.of(), problem);
			}
			throw problem;
		}
	}

	private static Outcome unknown(String what, VaultProblem lookupProblem) {
		return new Outcome(Verification.UNKNOWN, what + "; could not verify (" + lookupProblem.getMessage()
				+ "), so the outcome is UNKNOWN until a " + "lookup settles it");
	}

	private static Map<String, Object> body(Object... pairs) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			body.put((String) pairs[i], pairs[i + 1]);
		}
		return body;
	}

}
