package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditProperties;
import dev.watchkeeper.core.FeatureReport;
import dev.watchkeeper.redaction.Redactor;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the audit trail: key, storage, chain, and the start-up report of what is on. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditEntryRepository auditEntryRepository(DataSource dataSource) {
		return new AuditEntryRepository(dataSource);
	}

	@Bean
	HashChainedAuditTrail auditTrail(AuditEntryRepository repository, AuditProperties properties,
			ObjectProvider<Redactor> redactor, Clock clock, PlatformTransactionManager transactions) {
		return new HashChainedAuditTrail(repository, HmacKeySource.load(properties).orElse(null),
				redactor.getIfAvailable(Redactor::standard), clock, transactions);
	}

	@Bean
	FeatureReport auditFeatures(AuditProperties properties, ObjectProvider<ClientRegistrationRepository> oidc) {
		return () -> List.of(
				new FeatureReport.Feature("Audit HMAC key from configuration", properties.hmacKey() != null,
						"set WATCHKEEPER_AUDIT_HMAC_KEY (openssl rand -hex 32); until then a key file is used"),
				new FeatureReport.Feature("Audit API token (Authorization: Bearer)", properties.reviewerToken() != null,
						"set WATCHKEEPER_AUDIT_REVIEWER_TOKEN"),
				new FeatureReport.Feature("Audit reviewer sign-in with OIDC (GET /audit)",
						oidc.getIfAvailable() != null && !properties.reviewers().isEmpty(),
						"configure spring.security.oauth2.client.registration.slack.* and WATCHKEEPER_AUDIT_REVIEWERS"),
				new FeatureReport.Feature("Audit head witness in Slack", properties.witnessEnabled(),
						"set WATCHKEEPER_AUDIT_WITNESS_CHANNEL"));
	}

}
