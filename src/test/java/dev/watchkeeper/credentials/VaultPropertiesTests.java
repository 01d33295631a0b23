package dev.watchkeeper.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.Secret;
import dev.watchkeeper.credentials.VaultProperties.LoginMethod;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VaultPropertiesTests {

	@Test
	void nothingSetMeansVaultIsOff() {
		VaultProperties properties = settings("", null, null, null, null);

		assertThat(properties.enabled()).isFalse();
	}

	@Test
	void blankEnvironmentVariablesCountAsUnset() {
		VaultProperties properties = settings("  ", null, null, null, "  ");

		assertThat(properties.enabled()).isFalse();
		assertThat(properties.kubernetesRole()).isNull();
	}

	@Test
	void tokenLoginIsRecognised() {
		VaultProperties properties = settings("https://vault.example.com:8200/", Secret.of("hvs.x"), null, null, null);

		assertThat(properties.enabled()).isTrue();
		assertThat(properties.loginMethod()).isEqualTo(LoginMethod.TOKEN);
		assertThat(properties.address()).isEqualTo("https://vault.example.com:8200");
	}

	@Test
	void addressWithoutLoginNamesTheVariablesToSet() {
		assertThatThrownBy(() -> settings("https://vault:8200", null, null, null, null))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("VAULT_ADDR is set but no Vault login is")
			.hasMessageContaining("VAULT_ROLE_ID and VAULT_SECRET_ID");
	}

	@Test
	void loginWithoutAddressIsRefused() {
		assertThatThrownBy(() -> settings("", Secret.of("hvs.x"), null, null, null))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("VAULT_ADDR is missing");
	}

	@Test
	void roleIdWithoutSecretIdIsRefused() {
		assertThatThrownBy(() -> settings("https://vault:8200", null, Secret.of("role"), null, null))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessage("VAULT_ROLE_ID is set but VAULT_SECRET_ID is missing");
	}

	@Test
	void twoLoginMethodsAreRefusedAsAmbiguous() {
		assertThatThrownBy(
				() -> settings("https://vault:8200", Secret.of("hvs.x"), Secret.of("r"), Secret.of("s"), null))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("more than one Vault login is configured");
	}

	@Test
	void addressMustBeTheBaseUrl() {
		assertThatThrownBy(() -> settings("https://vault:8200/v1", Secret.of("hvs.x"), null, null, null))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("without a path");
		assertThatThrownBy(() -> settings("vault:8200", Secret.of("hvs.x"), null, null, null))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("must be an http(s) URL");
	}

	@Test
	void unreadableCaFileIsNamed() {
		assertThatThrownBy(() -> new VaultProperties("https://vault:8200", Secret.of("hvs.x"), null, null, "approle",
				null, "kubernetes", Path.of("/t"), null, Path.of("/no/such/ca.pem"), Duration.ofSeconds(5),
				Duration.ofSeconds(10), "database", Duration.ofSeconds(30), 5, 50))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessage("watchkeeper.vault.ca-file /no/such/ca.pem is not a readable file");
	}

	@Test
	void mountPathsCannotEscape() {
		assertThatThrownBy(() -> new VaultProperties("https://vault:8200", Secret.of("hvs.x"), null, null, "../sys",
				null, "kubernetes", Path.of("/t"), null, null, Duration.ofSeconds(5), Duration.ofSeconds(10),
				"database", Duration.ofSeconds(30), 5, 50))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("watchkeeper.vault.approle-mount must be a mount path");
	}

	@Test
	void secretsAreHiddenInToString() {
		VaultProperties properties = settings("https://vault:8200", null, Secret.of("role-id-1"),
				Secret.of("secret-id-1"), null);

		assertThat(properties.toString()).doesNotContain("role-id-1").doesNotContain("secret-id-1");
	}

	private static VaultProperties settings(String address, Secret token, Secret roleId, Secret secretId,
			String kubernetesRole) {
		return new VaultProperties(address, token, roleId, secretId, "approle", kubernetesRole, "kubernetes",
				Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"), null, null, Duration.ofSeconds(5),
				Duration.ofSeconds(10), "database", Duration.ofSeconds(30), 5, 50);
	}

}
