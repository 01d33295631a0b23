package dev.watchkeeper.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.core.Secret;
import dev.watchkeeper.credentials.FakeVault;
import dev.watchkeeper.credentials.LeaseId;
import dev.watchkeeper.credentials.Verification;
import dev.watchkeeper.credentials.internal.VaultGateway.Call;
import dev.watchkeeper.credentials.internal.VaultTarget.CreatedToken;
import dev.watchkeeper.credentials.internal.VaultTarget.Kind;
import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.Auth;
import io.github.jopenlibs.vault.api.sys.Leases;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vault-java-driver 6.2.1 traps the issue lists, each shown against the fake Vault
 * with the driver used the obvious way, next to the way Watchkeeper's adapter avoids it.
 * If a driver upgrade fixes one, its test here fails and the workaround can go.
 */
class VaultDriverTrapsTests {

	VaultTarget target;

	FakeVault fake;

	@BeforeEach
	void start() {
		target = VaultTarget.of(Kind.FAKE);
		fake = target.fake();
	}

	@AfterEach
	void stop() {
		target.close();
	}

	@Test
	void defaultClientRewritesSysPathsAsKvVersion2ButEngineVersion1SendsThemUnchanged() throws Exception {
		String lease = fake.seedLease("database/creds/readonly", Duration.ofHours(1));
		Vault byDefault = Vault.create(config(FakeVault.ROOT_TOKEN));

		int status = byDefault.logical()
			.write("sys/leases/lookup", Map.of("lease_id", lease))
			.getRestResponse()
			.getStatus();

		assertThat(fake.requests()).extracting(FakeVault.Recorded::path).contains("sys/data/leases/lookup");
		assertThat(status).isEqualTo(404);
		fake.clearRequests();
		Harness watchkeeper = Harness.withToken(target.address(), FakeVault.ROOT_TOKEN, Clock.systemUTC());
		watchkeeper.revocations.previewLease(new LeaseId(lease));
		assertThat(fake.requests()).extracting(FakeVault.Recorded::path)
			.contains("sys/leases/lookup")
			.noneMatch(p -> p.contains("/data/"));
	}

	@Test
	void typedLeaseRevokeThrowsOnA200WithWarningsAfterRevokingButTheRawWriteDoesNot() throws Exception {
		String lease = fake.seedLease("database/creds/readonly", Duration.ofHours(1));
		fake.answerRevokesWithWarning("Endpoint is deprecated");
		Vault driver = Vault.create(config(FakeVault.ROOT_TOKEN), 1);

		assertThatThrownBy(() -> driver.sys().leases().revoke(lease)).isInstanceOf(VaultException.class)
			.hasMessageContaining("Expecting HTTP status 204, but instead receiving 200");
		assertThat(fake.leaseExists(lease)).as("the revoke happened although the driver threw").isFalse();

		String other = fake.seedLease("database/creds/readonly", Duration.ofHours(1));
		Harness watchkeeper = Harness.withToken(target.address(), FakeVault.ROOT_TOKEN, Clock.systemUTC());
		assertThat(watchkeeper.revocations.revokeLease(new LeaseId(other)).verification())
			.isEqualTo(Verification.CONFIRMED);
	}

	@Test
	void driverRetriesRepeatA403ButTheAdapterAsksOnce() throws Exception {
		Vault retrying = Vault.create(config("hvs.not-a-valid-token"), 1).withRetries(2, 10);

		assertThatThrownBy(() -> retrying.auth().lookupSelf()).isInstanceOf(VaultException.class);
		assertThat(fake.requests("GET", "auth/token/lookup-self")).hasSize(3);

		fake.clearRequests();
		CreatedToken own = target.watchkeeperToken(Duration.ofHours(1));
		Harness watchkeeper = Harness.withToken(target.address(), own.token(), Clock.systemUTC());
		watchkeeper.session.authenticated();
		fake.clearRequests();
		assertThatThrownBy(() -> watchkeeper.gateway.send(Call.update("sys/policies/acl/x", Map.of("policy", ""))))
			.isInstanceOf(VaultProblem.PolicyLacksCapability.class);
		assertThat(fake.requests("POST", "sys/policies/acl/x")).hasSize(1);
	}

	@Test
	void driverFillsUnsetFieldsFromTheEnvironmentUnlessTheLoaderIsReplaced() throws Exception {
		EnvironmentLoader leaky = new EnvironmentLoader() {
			@Override
			public String loadVariable(String name) {
				return name.equals("VAULT_TOKEN") ? "hvs.from-the-environment" : null;
			}
		};

		VaultConfig config = new VaultConfig().environmentLoader(leaky).address(target.address()).build();

		// the real loader reads VAULT_TOKEN, ~/.vault-token and VAULT_SSL_VERIFY;
		// VaultClients passes one that
		// returns nothing, so only Watchkeeper's settings count
		assertThat(config.getToken()).isEqualTo("hvs.from-the-environment");
		Vault anonymous = new VaultClients(
				Harness.properties(target.address(), Secret.of("hvs.x"), null, null, null, null))
			.client(null);
		fake.clearRequests();
		anonymous.debug().health();
		assertThat(fake.requests("GET", "sys/health").get(0).tokenAccessor()).isEmpty();
	}

	@Test
	void driverHasNoTypedCallsForAccessorsLeaseLookupOrStaticRoleRotation() {
		assertThat(Arrays.stream(Auth.class.getMethods()).map(Method::getName))
			.noneMatch(name -> name.toLowerCase().contains("accessor"));
		assertThat(Arrays.stream(Leases.class.getMethods()).map(Method::getName))
			.noneMatch(name -> name.toLowerCase().contains("lookup") || name.toLowerCase().contains("list"));
		assertThat(
				Arrays.stream(io.github.jopenlibs.vault.api.database.Database.class.getMethods()).map(Method::getName))
			.noneMatch(name -> name.toLowerCase().contains("rotate"));
	}

	@Test
	void loginAndHealthParsingInsistOnExactlyApplicationJson() throws Exception {
		fake.contentType("application/json; charset=utf-8");
		Vault driver = Vault.create(config(FakeVault.ROOT_TOKEN), 1);

		// a proxy that adds a charset breaks the driver's typed calls; the raw calls do
		// not care
		assertThatThrownBy(() -> driver.auth().lookupSelf()).isInstanceOf(VaultException.class)
			.hasMessageContaining("MIME type");
		assertThat(driver.logical().read("auth/token/lookup-self").getRestResponse().getStatus()).isEqualTo(200);
	}

	private VaultConfig config(String token) throws VaultException {
		return new VaultConfig().environmentLoader(new EnvironmentLoader() {
			@Override
			public String loadVariable(String name) {
				return null;
			}
		}).address(target.address()).token(token).openTimeout(2).readTimeout(2).build();
	}

}
