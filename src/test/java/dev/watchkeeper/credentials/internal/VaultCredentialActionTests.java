package dev.watchkeeper.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.ActionPreview;
import dev.watchkeeper.actions.EffectCheck;
import dev.watchkeeper.actions.ParamValidation;
import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.credentials.CredentialAction;
import dev.watchkeeper.credentials.internal.VaultTarget.CreatedToken;
import dev.watchkeeper.credentials.internal.VaultTarget.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The Action SPI side of the Vault actions: schema, tiers, refusals before approval,
 * effect checks.
 */
class VaultCredentialActionTests {

	VaultTarget target;

	Harness watchkeeper;

	@BeforeEach
	void start() {
		target = VaultTarget.of(Kind.FAKE);
		CreatedToken own = target.watchkeeperToken(Duration.ofHours(1));
		watchkeeper = Harness.withToken(target.address(), own.token(), Clock.systemUTC());
	}

	@AfterEach
	void stop() {
		target.close();
	}

	VaultCredentialAction action(CredentialAction kind) {
		return new VaultCredentialAction(kind, watchkeeper.revocations,
				new StaticListableBeanFactory().getBeanProvider(Approvals.class));
	}

	@Test
	void prefixRevocationNeedsTwoApproversAndTheOthersOne() {
		assertThat(action(CredentialAction.REVOKE_PREFIX).tier()).isEqualTo(RiskTier.CRITICAL);
		assertThat(action(CredentialAction.REVOKE_LEASE).tier()).isEqualTo(RiskTier.HIGH);
		assertThat(action(CredentialAction.REVOKE_TOKEN_ACCESSOR).tier()).isEqualTo(RiskTier.HIGH);
		assertThat(action(CredentialAction.ROTATE_DATABASE_ROLE).tier()).isEqualTo(RiskTier.HIGH);
	}

	@Test
	void parametersAreIdentifiersSoTheAuditTrailStoresThemAsHmacs() {
		VaultCredentialAction lease = action(CredentialAction.REVOKE_LEASE);
		ParamValidation valid = lease.schema().validate(Map.of("lease_id", "database/creds/ro/abc"));

		ActionParams params = ((ParamValidation.Valid) valid).params();
		assertThat(lease.schema().identifiers(params)).containsEntry("lease_id", "database/creds/ro/abc");
		assertThat(lease.schema().plainValues(params)).isEmpty();
		assertThat(lease.schema().validate(Map.of("lease_id", "x?list=true")))
			.isInstanceOf(ParamValidation.Invalid.class);
	}

	@Test
	void previewShowsVaultsFactsForAKnownLease() {
		String lease = target.fake().seedLease("database/creds/readonly", Duration.ofHours(1));

		ActionPreview preview = action(CredentialAction.REVOKE_LEASE)
			.preview(ActionParams.of(Map.of("lease_id", lease)));

		assertThat(preview).isInstanceOf(ActionPreview.Ready.class);
		assertThat(((ActionPreview.Ready) preview).text()).startsWith("Revoke Vault lease " + lease);
	}

	@Test
	void previewRefusesAnUnknownLeaseSoNobodyIsAskedToApproveIt() {
		ActionPreview preview = action(CredentialAction.REVOKE_LEASE)
			.preview(ActionParams.of(Map.of("lease_id", "database/creds/readonly/gone")));

		assertThat(preview).isEqualTo(ActionPreview.refused(
				"lease database/creds/readonly/gone not found in Vault (expired, already revoked, or never existed)"));
	}

	@Test
	void previewRefusesAPastedTokenAsAccessor() {
		ActionPreview preview = action(CredentialAction.REVOKE_TOKEN_ACCESSOR)
			.preview(ActionParams.of(Map.of("accessor", "hvs.CAESIJlWh3Vp8Lp7v")));

		assertThat(((ActionPreview.Refused) preview).reason()).contains("looks like a Vault token");
		assertThat(target.fake().requests("POST", "auth/token/lookup-accessor")).isEmpty();
	}

	@Test
	void previewThrowsWhenVaultCannotAnswerSoTheRequestIsNotMade() {
		watchkeeper.session.authenticated();
		target.fake().seal();

		assertThatThrownBy(() -> action(CredentialAction.REVOKE_LEASE)
			.preview(ActionParams.of(Map.of("lease_id", "database/creds/readonly/x")))).hasMessageContaining("sealed");
	}

	@Test
	void effectCheckSaysAppliedOnlyOnceTheTokenIsGone() {
		CreatedToken victim = target.victimToken(Duration.ofMinutes(30));
		VaultCredentialAction accessor = action(CredentialAction.REVOKE_TOKEN_ACCESSOR);
		ActionParams params = ActionParams.of(Map.of("accessor", victim.accessor()));

		assertThat(accessor.verify(params, UUID.randomUUID())).isEqualTo(EffectCheck.NOT_APPLIED);
		target.write("auth/token/revoke-accessor", Map.of("accessor", victim.accessor()));
		assertThat(accessor.verify(params, UUID.randomUUID())).isEqualTo(EffectCheck.APPLIED);
		target.fake().seal();
		assertThat(accessor.verify(params, UUID.randomUUID())).isEqualTo(EffectCheck.UNKNOWN);
	}

	@Test
	void rotationEffectIsUnknownWithoutTheRequestsStartTime() {
		target.fake().seedStaticRole("app-readonly", "app_ro", Duration.ofDays(1));

		assertThat(action(CredentialAction.ROTATE_DATABASE_ROLE).verify(ActionParams.of(Map.of("role", "app-readonly")),
				UUID.randomUUID()))
			.isEqualTo(EffectCheck.UNKNOWN);
	}

}
