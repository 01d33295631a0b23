package dev.watchkeeper.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialIdentifiersTests {

	@Test
	void leaseIdKeepsItsEnginePath() {
		LeaseId lease = LeaseId.parse(" `database/creds/readonly/27e1b9a1-27b8-83d9-9fe0-d99d786bdc83` ");

		assertThat(lease.value()).isEqualTo("database/creds/readonly/27e1b9a1-27b8-83d9-9fe0-d99d786bdc83");
		assertThat(lease.issuedBy()).isEqualTo("database/creds/readonly");
	}

	@Test
	void leaseIdCannotCarryAnotherPathOrQuery() {
		assertThatThrownBy(() -> LeaseId.parse("database/../sys/seal")).hasMessageContaining("'..'");
		assertThatThrownBy(() -> LeaseId.parse("database/creds/x?list=true"))
			.hasMessageContaining("not a Vault lease id");
		assertThatThrownBy(() -> LeaseId.parse("just-an-id")).hasMessageContaining("not a Vault lease id");
		assertThatThrownBy(() -> LeaseId.parse("")).hasMessageContaining("a lease id is required");
	}

	@Test
	void prefixAlwaysEndsWithASlashSoItCannotMatchASiblingName() {
		LeasePrefix prefix = LeasePrefix.parse("aws/creds/deploy");

		assertThat(prefix.value()).isEqualTo("aws/creds/deploy/");
		assertThat(prefix.covers(new LeaseId("aws/creds/deploy/abc"))).isTrue();
		assertThat(prefix.covers(new LeaseId("aws/creds/deploy-prod/abc"))).isFalse();
	}

	@Test
	void prefixOfAWholeMountIsRefused() {
		assertThatThrownBy(() -> LeasePrefix.parse("aws/")).hasMessageContaining("at least two segments");
		assertThatThrownBy(() -> LeasePrefix.parse("/")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aPastedTokenIsRefusedAsAnAccessor() {
		assertThatThrownBy(() -> TokenAccessor.parse("hvs.CAESIJlWh3Vp8Lp7v"))
			.hasMessageContaining("never paste tokens");
		assertThatThrownBy(() -> TokenAccessor.parse("s.Vqz0H3aN9jTjhVnrWZi0eYyD"))
			.hasMessageContaining("never paste tokens");
		assertThat(TokenAccessor.parse("2Yw4eZSbcJbYdTrDnHiPHd2j.x7Ngs").value())
			.isEqualTo("2Yw4eZSbcJbYdTrDnHiPHd2j.x7Ngs");
	}

	@Test
	void databaseRoleNamesFollowVaultsNameRule() {
		assertThat(DatabaseRoleName.parse("app-readonly").value()).isEqualTo("app-readonly");
		assertThatThrownBy(() -> DatabaseRoleName.parse("app/readonly"))
			.hasMessageContaining("not a database static role");
		assertThatThrownBy(() -> DatabaseRoleName.parse("-app")).hasMessageContaining("not a database static role");
	}

	@Test
	void eachActionValidatesItsParameterAsTheCommandWill() {
		assertThat(CredentialAction.REVOKE_PREFIX.validate("database/creds/readonly"))
			.isEqualTo("database/creds/readonly/");
		assertThatThrownBy(() -> CredentialAction.REVOKE_TOKEN_ACCESSOR.validate("hvs.abc"))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
