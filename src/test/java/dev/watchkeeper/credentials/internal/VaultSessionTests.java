package dev.watchkeeper.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.core.Secret;
import dev.watchkeeper.credentials.FakeVault;
import dev.watchkeeper.credentials.LeaseId;
import dev.watchkeeper.credentials.MutableClock;
import dev.watchkeeper.credentials.internal.VaultProblem.VaultUnavailable;
import dev.watchkeeper.credentials.internal.VaultTarget.CreatedToken;
import dev.watchkeeper.credentials.internal.VaultTarget.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Watchkeeper's own Vault login against the fake Vault, with a hand-moved clock shared by
 * both so token lifetimes pass without waiting: renewal at two thirds of the lifetime,
 * login again when renewal is refused or capped, a revoked token noticed on the next
 * call, and no token ever in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultSessionTests {

	final MutableClock clock = MutableClock.startingNow();

	VaultTarget target;

	FakeVault fake;

	@BeforeEach
	void startFake() {
		target = VaultTarget.of(Kind.FAKE);
		fake = target.fake().clock(clock);
	}

	@AfterEach
	void stopFake() {
		target.close();
	}

	@Test
	void staticTokenIsRenewedOnceTwoThirdsOfItsLifetimeHavePassed() {
		CreatedToken own = target.watchkeeperToken(Duration.ofHours(1));
		Harness watchkeeper = Harness.withToken(target.address(), own.token(), clock);
		watchkeeper.session.maintain();

		clock.advance(Duration.ofMinutes(39));
		watchkeeper.session.maintain();
		assertThat(fake.requests("POST", "auth/token/renew-self")).isEmpty();

		clock.advance(Duration.ofMinutes(2));
		watchkeeper.session.maintain();
		assertThat(fake.requests("POST", "auth/token/renew-self")).hasSize(1);

		// past the original hour the renewed token still works
		clock.advance(Duration.ofMinutes(30));
		assertThat(target.tokenAlive(own.token())).isTrue();
		assertThat(watchkeeper.session.problem()).isNull();
	}

	@Test
	void appRoleLogsInAgainWhenRenewalIsCappedByTheMaxTtl(CapturedOutput output) {
		String[] appRole = target.appRole("approle", Duration.ofMinutes(30), Duration.ofMinutes(30));
		Harness watchkeeper = appRoleHarness(appRole);
		watchkeeper.session.maintain();
		String firstAccessor = watchkeeper.session.peek().accessor();

		clock.advance(Duration.ofMinutes(21));
		watchkeeper.session.maintain();

		// renewal granted only 9 of 30 minutes (capped by the 30-minute max TTL): log in
		// again, revoke the old token
		assertThat(fake.requests("POST", "auth/token/renew-self")).hasSize(1);
		assertThat(fake.requests("POST", "auth/approle/login")).hasSize(2);
		assertThat(watchkeeper.session.peek().accessor()).isNotEqualTo(firstAccessor);
		assertThat(fake.tokenExists(firstAccessor)).isFalse();
		assertThat(output.getAll()).contains("capped the renewal").doesNotContain(appRole[1]);
	}

	@Test
	void appRoleLogsInAgainWhenTheTokenCannotBeRenewed() {
		String[] appRole = target.appRole("approle", Duration.ofMinutes(30), Duration.ofHours(24));
		Harness watchkeeper = appRoleHarness(appRole);
		watchkeeper.session.maintain();
		fake.makeNotRenewable(watchkeeper.session.peek().accessor());

		clock.advance(Duration.ofMinutes(21));
		watchkeeper.session.maintain();

		assertThat(fake.requests("POST", "auth/token/renew-self")).hasSize(1);
		assertThat(fake.requests("POST", "auth/approle/login")).hasSize(2);
		assertThat(watchkeeper.session.problem()).isNull();
	}

	@Test
	void staticTokenThatCannotBeRenewedIsReportedAndKeptUntilItExpires() {
		CreatedToken own = target.watchkeeperToken(Duration.ofMinutes(30));
		fake.makeNotRenewable(own.accessor());
		Harness watchkeeper = Harness.withToken(target.address(), own.token(), clock);
		watchkeeper.session.maintain();

		clock.advance(Duration.ofMinutes(21));
		watchkeeper.session.maintain();

		assertThat(watchkeeper.session.problem()).contains("VAULT_TOKEN is not renewable and expires at");
		assertThat(fake.requests("POST", "auth/token/renew-self")).isEmpty();
	}

	@Test
	void revokedAppRoleTokenIsNoticedAndTheCallRepeatedOnceAfterLoggingInAgain() {
		String[] appRole = target.appRole("approle", Duration.ofMinutes(30), Duration.ofHours(24));
		Harness watchkeeper = appRoleHarness(appRole);
		String lease = fake.seedLease("database/creds/readonly", Duration.ofHours(1));
		String stolen = watchkeeper.session.authenticated().token().accessor();
		target.write("auth/token/revoke-accessor", Map.of("accessor", stolen));

		LeasePreview preview = watchkeeper.revocations.previewLease(new LeaseId(lease));

		assertThat(preview.lease().value()).isEqualTo(lease);
		assertThat(fake.requests("POST", "auth/approle/login")).hasSize(2);
		assertThat(fake.requests("POST", "sys/leases/lookup")).hasSize(2);
	}

	@Test
	void revokedStaticTokenFailsVisiblyNamingTheVariable() {
		CreatedToken own = target.watchkeeperToken(Duration.ofHours(1));
		Harness watchkeeper = Harness.withToken(target.address(), own.token(), clock);
		watchkeeper.session.authenticated();
		target.write("auth/token/revoke-accessor", Map.of("accessor", own.accessor()));

		assertThatThrownBy(() -> watchkeeper.revocations.previewLease(new LeaseId("database/creds/readonly/x")))
			.isInstanceOf(VaultUnavailable.class)
			.hasMessageContaining("Vault no longer accepts VAULT_TOKEN");
		assertThatThrownBy(() -> watchkeeper.session.authenticated()).isInstanceOf(VaultUnavailable.class)
			.hasMessageContaining("Vault refused VAULT_TOKEN");
	}

	@Test
	void wrongAppRoleSecretIsRefusedWithoutEchoingIt(CapturedOutput output) {
		String[] appRole = target.appRole("approle", Duration.ofMinutes(30), Duration.ofHours(24));
		Harness watchkeeper = appRoleHarness(new String[] { appRole[0], "not-the-secret-id-123" });

		assertThatThrownBy(() -> watchkeeper.session.authenticated()).isInstanceOf(VaultUnavailable.class)
			.hasMessage("Vault refused Watchkeeper's AppRole login (invalid role or secret ID): check VAULT_ROLE_ID, "
					+ "VAULT_SECRET_ID and watchkeeper.vault.approle-mount");
		watchkeeper.session.maintain();
		assertThat(watchkeeper.session.problem()).startsWith("Vault refused Watchkeeper's AppRole login");
		assertThat(output.getAll()).doesNotContain("not-the-secret-id-123").doesNotContain(appRole[0]);
	}

	@Test
	void kubernetesLoginReadsTheServiceAccountTokenAgainAtEveryLogin(@TempDir Path dir) throws Exception {
		fake.seedKubernetesRole("watchkeeper", "jwt-one", List.of(target.policyName()), Duration.ofMinutes(30));
		Path jwt = dir.resolve("token");
		Files.writeString(jwt, "jwt-one\n");
		Harness watchkeeper = new Harness(Harness.properties(target.address(), null, null, null, "watchkeeper", jwt),
				clock);

		watchkeeper.session.authenticated();
		// the kubelet rotated the projected token, and Vault now only accepts the new one
		fake.seedKubernetesRole("watchkeeper", "jwt-two", List.of(target.policyName()), Duration.ofMinutes(30));
		Files.writeString(jwt, "jwt-two");
		watchkeeper.session.logInAgain();

		assertThat(fake.requests("POST", "auth/kubernetes/login")).extracting(FakeVault.Recorded::body)
			.containsExactly("{\"role\":\"watchkeeper\",\"jwt\":\"jwt-one\"}",
					"{\"role\":\"watchkeeper\",\"jwt\":\"jwt-two\"}");
	}

	@Test
	void missingServiceAccountTokenIsNamed(@TempDir Path dir) {
		Harness watchkeeper = new Harness(
				Harness.properties(target.address(), null, null, null, "watchkeeper", dir.resolve("absent")), clock);

		assertThatThrownBy(() -> watchkeeper.session.authenticated()).isInstanceOf(VaultUnavailable.class)
			.hasMessageContaining("cannot read the Kubernetes service-account token at " + dir.resolve("absent"));
	}

	@Test
	void namespaceIsSentWithEveryRequest() {
		CreatedToken own = target.watchkeeperToken(Duration.ofHours(1));
		Harness watchkeeper = new Harness(Harness.properties(target.address(), Secret.of(own.token()), null, null, null,
				null, "team-a/", Duration.ofSeconds(2)), clock);
		fake.clearRequests();

		watchkeeper.session.authenticated();
		watchkeeper.health().health();

		assertThat(fake.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.namespace()).isEqualTo("team-a/"));
	}

	@Test
	void tokensNeverReachTheLog(CapturedOutput output) {
		String[] appRole = target.appRole("approle", Duration.ofMinutes(30), Duration.ofMinutes(30));
		Harness watchkeeper = appRoleHarness(appRole);
		watchkeeper.session.maintain();
		String token = watchkeeper.session.peek().token().reveal();
		clock.advance(Duration.ofMinutes(21));
		watchkeeper.session.maintain();
		String second = watchkeeper.session.peek().token().reveal();

		assertThat(output.getAll()).contains("logged in to Vault with AppRole")
			.doesNotContain(token)
			.doesNotContain(second)
			.doesNotContain("hvs.");
		assertThat(watchkeeper.session.peek().toString()).doesNotContain(second);
	}

	private Harness appRoleHarness(String[] appRole) {
		return new Harness(
				Harness.properties(target.address(), null, Secret.of(appRole[0]), Secret.of(appRole[1]), null, null),
				clock);
	}

}
