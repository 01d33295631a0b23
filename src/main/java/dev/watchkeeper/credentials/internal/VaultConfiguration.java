package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.actions.Action;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.core.FeatureReport;
import dev.watchkeeper.credentials.CredentialAction;
import dev.watchkeeper.credentials.CredentialRevoked;
import dev.watchkeeper.credentials.VaultProperties;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the Vault adapter when {@code VAULT_ADDR} is set; the health indicator and
 * feature report exist always.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

	@Bean
	@Conditional(VaultConfigured.class)
	VaultSession vaultSession(VaultProperties properties, Clock clock) {
		return new VaultSession(properties, new VaultClients(properties), clock);
	}

	@Bean
	@Conditional(VaultConfigured.class)
	VaultGateway vaultGateway(VaultSession session, VaultProperties properties) {
		return new VaultGateway(session, Objects.requireNonNull(properties.address()), properties.readTimeout());
	}

	@Bean
	@Conditional(VaultConfigured.class)
	VaultTokenRenewal vaultTokenRenewal(VaultSession session, VaultProperties properties) {
		return new VaultTokenRenewal(session, properties.renewalCheckInterval());
	}

	@Bean
	@Conditional(VaultConfigured.class)
	VaultRevocations vaultRevocations(VaultGateway gateway, VaultSession session, VaultProperties properties,
			Clock clock, ApplicationEventPublisher publisher, PlatformTransactionManager transactions) {
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		// inside a transaction so Spring Modulith's publication registry stores it (joins
		// the caller's if any)
		Consumer<CredentialRevoked> events = event -> transaction
			.executeWithoutResult(status -> publisher.publishEvent(event));
		return new VaultRevocations(gateway, session, properties, clock, events);
	}

	@Bean
	@Conditional(VaultConfigured.class)
	Action vaultRevokeLeaseAction(VaultRevocations revocations, ObjectProvider<Approvals> approvals) {
		return new VaultCredentialAction(CredentialAction.REVOKE_LEASE, revocations, approvals);
	}

	@Bean
	@Conditional(VaultConfigured.class)
	Action vaultRevokePrefixAction(VaultRevocations revocations, ObjectProvider<Approvals> approvals) {
		return new VaultCredentialAction(CredentialAction.REVOKE_PREFIX, revocations, approvals);
	}

	@Bean
	@Conditional(VaultConfigured.class)
	Action vaultRevokeTokenAccessorAction(VaultRevocations revocations, ObjectProvider<Approvals> approvals) {
		return new VaultCredentialAction(CredentialAction.REVOKE_TOKEN_ACCESSOR, revocations, approvals);
	}

	@Bean
	@Conditional(VaultConfigured.class)
	Action vaultRotateDatabaseRoleAction(VaultRevocations revocations, ObjectProvider<Approvals> approvals) {
		return new VaultCredentialAction(CredentialAction.ROTATE_DATABASE_ROLE, revocations, approvals);
	}

	@Bean
	HealthIndicator vaultHealthIndicator(VaultProperties properties, ObjectProvider<VaultSession> session,
			ObjectProvider<VaultGateway> gateway) {
		return new VaultHealthIndicator(properties, session.getIfAvailable(), gateway.getIfAvailable());
	}

	@Bean
	FeatureReport vaultFeatures(VaultProperties properties) {
		return () -> List.of(
				new FeatureReport.Feature(
						properties.enabled() ? "Vault credential actions (login: "
								+ properties.loginMethod().name().toLowerCase() + ")" : "Vault credential actions",
						properties.enabled(),
						"set VAULT_ADDR and one login: VAULT_TOKEN, VAULT_ROLE_ID+VAULT_SECRET_ID, or "
								+ "WATCHKEEPER_VAULT_KUBERNETES_ROLE"));
	}

	/**
	 * True when {@code watchkeeper.vault.address} ({@code VAULT_ADDR}) is set and not
	 * blank.
	 */
	static final class VaultConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			@Nullable String address = context.getEnvironment().getProperty("watchkeeper.vault.address");
			return address != null && !address.isBlank();
		}

	}

}
