package dev.watchkeeper.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.credentials.CredentialAction;
import dev.watchkeeper.credentials.CredentialRevoked;
import dev.watchkeeper.credentials.DatabaseRoleName;
import dev.watchkeeper.credentials.FakeVault;
import dev.watchkeeper.credentials.LeaseId;
import dev.watchkeeper.credentials.LeasePrefix;
import dev.watchkeeper.credentials.TokenAccessor;
import dev.watchkeeper.credentials.Verification;
import dev.watchkeeper.credentials.internal.VaultProblem.NotFoundInVault;
import dev.watchkeeper.credentials.internal.VaultProblem.PolicyLacksCapability;
import dev.watchkeeper.credentials.internal.VaultProblem.VaultDidNotAnswer;
import dev.watchkeeper.credentials.internal.VaultProblem.VaultUnavailable;
import dev.watchkeeper.credentials.internal.VaultRevocations.Execution;
import dev.watchkeeper.credentials.internal.VaultRevocations.Outcome;
import dev.watchkeeper.credentials.internal.VaultTarget.CreatedToken;
import dev.watchkeeper.credentials.internal.VaultTarget.Kind;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The revocation actions against a Vault over real HTTP: the {@link FakeVault} always,
 * and a real Vault when {@code VAULT_ADDR} and {@code VAULT_TOKEN} are set (each
 * {@code [REAL]} run is skipped with a message otherwise, as in CI, which has no Vault
 * binary). Watchkeeper logs in with a token holding exactly the least-privilege policy
 * {@link VaultTarget#WATCHKEEPER_POLICY}, so these tests also prove that policy is
 * enough. Fault tests (sealed, hanging, 500 after acting, 200 with warnings) need the
 * fake and run only against it.
 */
class VaultRevocationsIntegrationTests {

	static final Execution EXECUTION = new Execution("U0APPROVER", "req-1", "inc-1");

	VaultTarget target;

	Harness watchkeeper;

	Harness start(Kind kind) {
		target = VaultTarget.of(kind);
		CreatedToken own = target.watchkeeperToken(Duration.ofHours(1));
		watchkeeper = Harness.withToken(target.address(), own.token(), Clock.systemUTC());
		return watchkeeper;
	}

	@AfterEach
	void close() {
		if (target != null) {
			target.close();
		}
	}

	// --- leases
	// -------------------------------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Kind.class)
	void leasePreviewShowsTheEnginePathAndLifetime(Kind kind) {
		start(kind);
		CreatedToken victim = target.victimToken(Duration.ofMinutes(30));

		LeasePreview preview = watchkeeper.revocations.previewLease(new LeaseId(victim.leaseId()));

		assertThat(preview.text()).contains("Revoke Vault lease " + victim.leaseId())
			.contains("secrets engine path: auth/token/create/" + target.tokenRole())
			.contains("issued: ")
			.contains("renewable: yes");
		assertThat(preview.ttl()).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
		assertThat(preview.text()).doesNotContain(victim.token());
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void unknownLeaseIsRefusedAsNotFoundInVault(Kind kind) {
		start(kind);

		assertThatThrownBy(() -> watchkeeper.revocations
			.previewLease(new LeaseId(target.leasePrefix() + "h0000000000000000000000000000000000000000")))
			.isInstanceOf(NotFoundInVault.class)
			.hasMessageContaining("not found in Vault");
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void revokedLeaseIsVerifiedGoneAndAudited(Kind kind) {
		start(kind);
		CreatedToken victim = target.victimToken(Duration.ofMinutes(30));

		Outcome outcome = watchkeeper.revocations.execute(CredentialAction.REVOKE_LEASE, victim.leaseId(), EXECUTION);

		assertThat(outcome.verification()).isEqualTo(Verification.CONFIRMED);
		assertThat(outcome.summary()).isEqualTo("revoked and verified gone");
		assertThat(target.leaseAlive(victim.leaseId())).isFalse();
		assertThat(target.tokenAlive(victim.token())).isFalse();
		CredentialRevoked event = watchkeeper.events.get(0);
		assertThat(event.sensitiveIdentifiers()).containsEntry("lease_id", victim.leaseId());
		assertThat(event.details().values()).noneMatch(v -> v.contains(victim.leaseId()));
		assertThat(event.outcome()).isEqualTo("verified");
		assertThat(event.actor()).isEqualTo("U0APPROVER");
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void leaseGoneBeforeExecutionIsReportedWithoutSendingARevoke(Kind kind) {
		start(kind);
		CreatedToken victim = target.victimToken(Duration.ofMinutes(30));
		watchkeeper.revocations.revokeLease(new LeaseId(victim.leaseId()));

		Outcome second = watchkeeper.revocations.revokeLease(new LeaseId(victim.leaseId()));

		assertThat(second.verification()).isEqualTo(Verification.CONFIRMED);
		assertThat(second.summary()).contains("already gone before the revoke");
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void effectCheckSettlesWhetherALeaseIsGone(Kind kind) {
		start(kind);
		CreatedToken victim = target.victimToken(Duration.ofMinutes(30));

		assertThat(watchkeeper.revocations.effect(CredentialAction.REVOKE_LEASE, victim.leaseId(), Instant.now()))
			.isEqualTo(Verification.NOT_CONFIRMED);
		watchkeeper.revocations.revokeLease(new LeaseId(victim.leaseId()));
		assertThat(watchkeeper.revocations.effect(CredentialAction.REVOKE_LEASE, victim.leaseId(), Instant.now()))
			.isEqualTo(Verification.CONFIRMED);
	}

	// --- prefixes
	// -----------------------------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Kind.class)
	void prefixPreviewCountsTheLeasesAndShowsTheFirstFew(Kind kind) {
		start(kind);
		for (int i = 0; i < 3; i++) {
			target.victimToken(Duration.ofMinutes(30));
		}

		PrefixPreview preview = watchkeeper.revocations.previewPrefix(new LeasePrefix(target.leasePrefix()));

		assertThat(preview.count()).isEqualTo(3);
		assertThat(preview.complete()).isTrue();
		assertThat(preview.first()).hasSize(2).allMatch(id -> id.startsWith(target.leasePrefix()));
		assertThat(preview.text()).contains("how many: 3 leases").contains("… and 1 more");
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void revokedPrefixIsVerifiedEmpty(Kind kind) {
		start(kind);
		CreatedToken first = target.victimToken(Duration.ofMinutes(30));
		CreatedToken second = target.victimToken(Duration.ofMinutes(30));

		Outcome outcome = watchkeeper.revocations.execute(CredentialAction.REVOKE_PREFIX, target.leasePrefix(),
				EXECUTION);

		assertThat(outcome.verification()).isEqualTo(Verification.CONFIRMED);
		assertThat(outcome.summary()).isEqualTo("revoke-prefix sent for 2 leases; verified none left");
		assertThat(target.tokenAlive(first.token())).isFalse();
		assertThat(target.tokenAlive(second.token())).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void prefixWithoutLeasesIsRefused(Kind kind) {
		start(kind);

		assertThatThrownBy(() -> watchkeeper.revocations.previewPrefix(new LeasePrefix(target.leasePrefix())))
			.isInstanceOf(NotFoundInVault.class)
			.hasMessageContaining("no lease under " + target.leasePrefix());
	}

	// --- token accessors
	// ----------------------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Kind.class)
	void accessorPreviewShowsTheTokenButNeverItsSecret(Kind kind) {
		start(kind);
		CreatedToken victim = target.victimToken(Duration.ofMinutes(30));

		AccessorPreview preview = watchkeeper.revocations.previewAccessor(new TokenAccessor(victim.accessor()));

		assertThat(preview.displayName()).isEqualTo("token-leaked-ci");
		assertThat(preview.policies()).contains("default");
		assertThat(preview.creationTime()).isNotNull();
		assertThat(preview.text()).contains("display name: token-leaked-ci").doesNotContain(victim.token());
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void revokedAccessorIsVerifiedGone(Kind kind) {
		start(kind);
		CreatedToken victim = target.victimToken(Duration.ofMinutes(30));

		Outcome outcome = watchkeeper.revocations.execute(CredentialAction.REVOKE_TOKEN_ACCESSOR, victim.accessor(),
				EXECUTION);

		assertThat(outcome.verification()).isEqualTo(Verification.CONFIRMED);
		assertThat(outcome.summary()).isEqualTo("revoked and verified gone");
		assertThat(target.tokenAlive(victim.token())).isFalse();
		assertThat(watchkeeper.events.get(0).sensitiveIdentifiers()).containsEntry("accessor", victim.accessor());
		assertThat(watchkeeper.events.get(0).toString()).doesNotContain(victim.accessor());
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void unknownAccessorIsRefusedAsNotFoundInVault(Kind kind) {
		start(kind);

		assertThatThrownBy(() -> watchkeeper.revocations.previewAccessor(new TokenAccessor("AAAAAAAAAAAAAAAAAAAAAAAA")))
			.isInstanceOf(NotFoundInVault.class)
			.hasMessage("token accessor AAAAAAAAAAAAAAAAAAAAAAAA not found in Vault (expired, already revoked, or "
					+ "never existed)");
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void watchkeepersOwnTokenCannotBeRevokedThroughItself(Kind kind) {
		start(kind);
		String own = watchkeeper.session.authenticated().token().accessor();

		assertThatThrownBy(() -> watchkeeper.revocations.previewAccessor(new TokenAccessor(own)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Watchkeeper's own Vault token");
	}

	// --- health and policy
	// --------------------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Kind.class)
	void leastPrivilegePolicyGrantsEverythingTheHealthCheckAsksFor(Kind kind) {
		start(kind);

		Health health = watchkeeper.health().health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("sealed", false)
			.doesNotContainKey("capabilitiesMissing")
			.doesNotContainKey("optionalCapabilitiesMissing");
	}

	// --- database static roles (fake only: a real run needs a database)
	// ------------------------------------------

	@Test
	void databaseRoleRotationIsVerifiedByItsLastRotationTime() {
		start(Kind.FAKE);
		target.fake().seedStaticRole("app-readonly", "app_ro", Duration.ofDays(1));

		StaticRolePreview preview = watchkeeper.revocations.previewRole(new DatabaseRoleName("app-readonly"));
		Outcome outcome = watchkeeper.revocations.execute(CredentialAction.ROTATE_DATABASE_ROLE, "app-readonly",
				EXECUTION);

		assertThat(preview.text()).contains("database user: app_ro on connection postgres");
		assertThat(outcome.verification()).isEqualTo(Verification.CONFIRMED);
		assertThat(outcome.summary()).startsWith("rotated and verified (last rotation ");
		assertThat(watchkeeper.events.get(0).action()).isEqualTo("credential.rotated");
	}

	@Test
	void unknownDatabaseRoleIsRefusedBeforeApproval() {
		start(Kind.FAKE);

		assertThatThrownBy(() -> watchkeeper.revocations.previewRole(new DatabaseRoleName("no-such-role")))
			.isInstanceOf(NotFoundInVault.class)
			.hasMessageContaining("database static role no-such-role (mount database/) not found in Vault");
	}

	// --- faults (fake only)
	// -------------------------------------------------------------------------------------

	@Test
	void revokeAnsweredWithWarningsIsASuccessAndIsStillVerified() {
		start(Kind.FAKE);
		String lease = target.fake().seedLease("database/creds/readonly", Duration.ofHours(1));
		target.fake().answerRevokesWithWarning("Endpoint is deprecated");

		Outcome outcome = watchkeeper.revocations.revokeLease(new LeaseId(lease));

		assertThat(outcome.verification()).isEqualTo(Verification.CONFIRMED);
		assertThat(outcome.summary()).isEqualTo("revoked and verified gone (Vault warned: Endpoint is deprecated)");
	}

	@Test
	void revokeThatChangedNothingIsReportedStillPresent() {
		start(Kind.FAKE);
		String lease = target.fake().seedLease("database/creds/readonly", Duration.ofHours(1));
		target.fake().ignoreRevokes();

		Outcome outcome = watchkeeper.revocations.revokeLease(new LeaseId(lease));

		assertThat(outcome.verification()).isEqualTo(Verification.NOT_CONFIRMED);
		assertThat(outcome.summary()).startsWith("revoke sent but still present (ttl ");
	}

	@Test
	void sealedVaultFailsVisiblyAndNothingIsReportedRevoked() {
		start(Kind.FAKE);
		String lease = target.fake().seedLease("database/creds/readonly", Duration.ofHours(1));
		watchkeeper.session.authenticated();
		target.fake().seal();

		assertThatThrownBy(() -> watchkeeper.revocations.execute(CredentialAction.REVOKE_LEASE, lease, EXECUTION))
			.isInstanceOf(VaultUnavailable.class)
			.hasMessageContaining("Vault is sealed, so nothing was changed");
		assertThat(watchkeeper.events).isEmpty();
		target.fake().unseal();
		assertThat(target.fake().leaseExists(lease)).isTrue();
		assertThat(watchkeeper.health().health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void unreachableVaultFailsVisibly() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Harness nowhere = Harness.withToken("http://127.0.0.1:" + closedPort, "hvs.whatever", Clock.systemUTC());

		assertThatThrownBy(() -> nowhere.revocations.previewLease(new LeaseId("database/creds/readonly/abc")))
			.isInstanceOf(VaultUnavailable.class)
			.hasMessageContaining("is unreachable");
		Health health = nowhere.health().health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reachable", false);
	}

	@Test
	void missingCapabilityIsNamedWithThePath() {
		target = VaultTarget.of(Kind.FAKE);
		target.write("sys/policies/acl/lookup-only",
				Map.of("policy", "path \"sys/leases/lookup\" { capabilities = [\"update\"] }"));
		String token = target.write("auth/token/create", Map.of("policies", java.util.List.of("lookup-only")))
			.path("auth")
			.path("client_token")
			.asString();
		watchkeeper = Harness.withToken(target.address(), token, Clock.systemUTC());
		String lease = target.fake().seedLease("database/creds/readonly", Duration.ofHours(1));

		assertThatThrownBy(() -> watchkeeper.revocations.revokeLease(new LeaseId(lease)))
			.isInstanceOf(PolicyLacksCapability.class)
			.hasMessage("Watchkeeper's Vault policy lacks update on sys/leases/revoke");
		assertThat(target.fake().leaseExists(lease)).isTrue();
		Health health = watchkeeper.health().health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("capabilitiesMissing").toString()).contains("update on sys/leases/revoke");
	}

	@Test
	void prefixPreviewWithoutSudoSaysTheCountIsUnknown() {
		target = VaultTarget.of(Kind.FAKE);
		target.write("sys/policies/acl/no-sudo",
				Map.of("policy", "path \"sys/leases/lookup/*\" { capabilities = [\"list\"] }"));
		String token = target.write("auth/token/create", Map.of("policies", java.util.List.of("no-sudo")))
			.path("auth")
			.path("client_token")
			.asString();
		watchkeeper = Harness.withToken(target.address(), token, Clock.systemUTC());

		PrefixPreview preview = watchkeeper.revocations.previewPrefix(new LeasePrefix("database/creds/readonly/"));

		assertThat(preview.text()).contains(
				"how many: unknown (Watchkeeper's Vault policy lacks list+sudo on sys/leases/lookup/database/creds/readonly/)");
	}

	@Test
	void revokeWhoseAnswerTimesOutIsSettledByALookupAndNeverRetried() {
		target = VaultTarget.of(Kind.FAKE);
		CreatedToken own = target.watchkeeperToken(Duration.ofHours(1));
		watchkeeper = new Harness(Harness.properties(target.address(), dev.watchkeeper.core.Secret.of(own.token()),
				null, null, null, null, null, Duration.ofSeconds(1)), Clock.systemUTC());
		String lease = target.fake().seedLease("database/creds/readonly", Duration.ofHours(1));
		target.fake().hang("sys/leases/revoke", true);

		Outcome outcome = watchkeeper.revocations.revokeLease(new LeaseId(lease));

		assertThat(outcome.verification()).isEqualTo(Verification.CONFIRMED);
		assertThat(outcome.summary()).isEqualTo("revoked and verified gone (Vault did not answer POST "
				+ "sys/leases/revoke within 1s; settled by a lookup)");
		assertThat(target.fake().requests("POST", "sys/leases/revoke")).hasSize(1);
	}

	@Test
	void revokeWithNoAnswerAndNoLookupIsUnknownAndNeverRetried() {
		target = VaultTarget.of(Kind.FAKE);
		CreatedToken own = target.watchkeeperToken(Duration.ofHours(1));
		watchkeeper = new Harness(Harness.properties(target.address(), dev.watchkeeper.core.Secret.of(own.token()),
				null, null, null, null, null, Duration.ofSeconds(1)), Clock.systemUTC());
		String lease = target.fake().seedLease("database/creds/readonly", Duration.ofHours(1));
		target.fake().failAfterActing("sys/leases/revoke");
		// the lookup before the revoke is answered, the one after hangs
		target.fake().hang("sys/leases/lookup", false, 1);

		Outcome outcome = watchkeeper.revocations.execute(CredentialAction.REVOKE_LEASE, lease, EXECUTION);

		assertThat(outcome.verification()).isEqualTo(Verification.UNKNOWN);
		assertThat(outcome.summary()).contains("Vault answered 500 to POST sys/leases/revoke")
			.contains("could not verify (Vault did not answer POST sys/leases/lookup within 1s)")
			.contains("UNKNOWN until a lookup settles it");
		assertThat(target.fake().requests("POST", "sys/leases/revoke")).hasSize(1);
		assertThat(watchkeeper.events.get(0).outcome()).isEqualTo("unknown");
		target.fake().releaseHangs();
		assertThat(watchkeeper.revocations.effect(CredentialAction.REVOKE_LEASE, lease, Instant.now()))
			.isEqualTo(Verification.CONFIRMED);
	}

	@Test
	void hangingVaultAtPreviewFailsWithinTheReadTimeout() {
		target = VaultTarget.of(Kind.FAKE);
		CreatedToken own = target.watchkeeperToken(Duration.ofHours(1));
		watchkeeper = new Harness(Harness.properties(target.address(), dev.watchkeeper.core.Secret.of(own.token()),
				null, null, null, null, null, Duration.ofSeconds(1)), Clock.systemUTC());
		watchkeeper.session.authenticated();
		target.fake().hang("sys/leases/lookup", false);

		assertThatThrownBy(() -> watchkeeper.revocations.previewLease(new LeaseId("database/creds/readonly/x1")))
			.isInstanceOf(VaultDidNotAnswer.class)
			.hasMessage("Vault did not answer POST sys/leases/lookup within 1s");
		assertThat(target.fake().requests("POST", "sys/leases/lookup")).hasSize(1);
	}

	@Test
	void serverErrorAfterActingIsSettledByALookup() {
		start(Kind.FAKE);
		target.fake().seedStaticRole("app-readonly", "app_ro", Duration.ofDays(1));
		target.fake().failAfterActing("database/rotate-role/");

		Outcome outcome = watchkeeper.revocations.rotateRole(new DatabaseRoleName("app-readonly"));

		assertThat(outcome.verification()).isEqualTo(Verification.CONFIRMED);
		assertThat(outcome.summary()).contains("Vault answered 500 to POST database/rotate-role/app-readonly")
			.contains("settled by a lookup");
	}

	@Test
	void requestsUseVaultsDocumentedPathsAndVerbs() {
		start(Kind.FAKE);
		CreatedToken victim = target.victimToken(Duration.ofMinutes(30));
		target.fake().clearRequests();

		watchkeeper.revocations.previewPrefix(new LeasePrefix(target.leasePrefix()));
		watchkeeper.revocations.revokeLease(new LeaseId(victim.leaseId()));

		assertThat(target.fake().requests()).extracting(FakeVault.Recorded::path)
			.noneMatch(path -> path.contains("/data/") || path.contains("/metadata/"));
		assertThat(target.fake().requests("LIST", "sys/leases/lookup/" + target.leasePrefix())).hasSize(1);
		assertThat(target.fake().requests("POST", "sys/leases/revoke").get(0).body())
			.contains("\"lease_id\":\"" + victim.leaseId() + "\"");
	}

}
