package dev.watchkeeper.slack.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialCommandsTests {

	@Test
	void reasonFollowsADoubleDashOrAnEmDash() {
		assertThat(CredentialRequests.splitReason("lease database/creds/ro/abc -- leaked in CI"))
			.containsExactly("lease database/creds/ro/abc", "leaked in CI");
		assertThat(CredentialRequests.splitReason("lease database/creds/ro/abc — leaked"))
			.containsExactly("lease database/creds/ro/abc", "leaked");
	}

	@Test
	void dashesInsideAnIdAreNotAReason() {
		assertThat(CredentialRequests.splitReason("lease aws/creds/deploy/a--b"))
			.containsExactly("lease aws/creds/deploy/a--b", "");
	}

	@Test
	void unknownThingsToRevokeAreNamed() {
		RevokeSubcommand revoke = new RevokeSubcommand(null);

		assertThatThrownBy(() -> revoke.handle("password hunter2", null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("use lease, prefix or accessor");
		assertThatThrownBy(() -> revoke.handle("lease", null, null)).hasMessageContaining("its id");
		assertThatThrownBy(() -> revoke.handle("lease a/b c/d", null, null))
			.hasMessageContaining("one lease per request");
	}

	@Test
	void rotateNeedsTheDbRoleKeyword() {
		RotateSubcommand rotate = new RotateSubcommand(null);

		assertThatThrownBy(() -> rotate.handle("app-readonly", null, null)).hasMessageContaining("db-role <name>");
	}

	@Test
	void mentionsInVaultTextCannotPing() {
		assertThat(CredentialRequests.escape("<!channel> & <@U1>")).isEqualTo("&lt;!channel&gt; &amp; &lt;@U1&gt;");
	}

}
