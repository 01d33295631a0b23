package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.credentials.FakeVault;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Vault a test runs against, driven over plain HTTP with an admin token: the
 * {@link FakeVault}, or a real Vault when {@code VAULT_ADDR} and {@code VAULT_TOKEN} are
 * set (e.g. {@code vault server -dev}; see docs/credentials.md). Everything a test
 * creates lives under a token role named {@code watchkeeper-test-<random>}, so revoking a
 * prefix never touches anything else on a real Vault.
 */
final class VaultTarget implements AutoCloseable {

	/**
	 * Exactly the paths and capabilities Watchkeeper's code calls (see
	 * docs/credentials.md).
	 */
	static final String WATCHKEEPER_POLICY = """
			path "sys/leases/lookup" { capabilities = ["update"] }
			path "sys/leases/revoke" { capabilities = ["update"] }
			path "sys/leases/lookup/*" { capabilities = ["list", "sudo"] }
			path "sys/leases/revoke-prefix/*" { capabilities = ["update", "sudo"] }
			path "auth/token/lookup-accessor" { capabilities = ["update"] }
			path "auth/token/revoke-accessor" { capabilities = ["update"] }
			path "database/static-roles/*" { capabilities = ["read"] }
			path "database/rotate-role/*" { capabilities = ["update"] }
			""";

	/** Which Vault. */
	enum Kind {

		FAKE, REAL

	}

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Kind kind;

	private final String address;

	private final String adminToken;

	private final FakeVault fake;

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	private final Set<String> knownLeases = new HashSet<>();

	/**
	 * A token created for a test: the token itself, its accessor and the lease Vault
	 * keeps for it.
	 */
	record CreatedToken(String token, String accessor, String leaseId) {
	}

	private VaultTarget(Kind kind, String address, String adminToken, FakeVault fake) {
		this.kind = kind;
		this.address = address;
		this.adminToken = adminToken;
		this.fake = fake;
	}

	static VaultTarget of(Kind kind) {
		if (kind == Kind.REAL) {
			String address = System.getenv("VAULT_ADDR");
			String token = System.getenv("VAULT_TOKEN");
			assumeTrue(address != null && !address.isBlank() && token != null && !token.isBlank(),
					"real Vault: VAULT_ADDR and VAULT_TOKEN are not set, so the real-Vault run is skipped "
							+ "(start `vault server -dev` and export both to run it; see docs/credentials.md)");
			VaultTarget target = new VaultTarget(kind, address.replaceAll("/+$", ""), token, null);
			target.setUp();
			return target;
		}
		FakeVault fake = new FakeVault();
		VaultTarget target = new VaultTarget(kind, fake.address(), FakeVault.ROOT_TOKEN, fake);
		target.setUp();
		return target;
	}

	private void setUp() {
		write("sys/policies/acl/" + policyName(), Map.of("policy", WATCHKEEPER_POLICY));
		write("auth/token/roles/" + tokenRole(), Map.of("allowed_policies", "default", "orphan", false));
	}

	Kind kind() {
		return kind;
	}

	boolean isFake() {
		return kind == Kind.FAKE;
	}

	/** The fake, for fault injection; only call after checking {@link #isFake()}. */
	FakeVault fake() {
		return fake;
	}

	String address() {
		return address;
	}

	String policyName() {
		return "watchkeeper-test-" + suffix;
	}

	String tokenRole() {
		return "watchkeeper-test-" + suffix;
	}

	/** Where this test's token leases live: {@code auth/token/create/<role>/}. */
	String leasePrefix() {
		return "auth/token/create/" + tokenRole() + "/";
	}

	/** A token Watchkeeper logs in with, holding exactly {@link #WATCHKEEPER_POLICY}. */
	CreatedToken watchkeeperToken(Duration ttl) {
		JsonNode auth = write("auth/token/create",
				Map.of("policies", List.of(policyName()), "ttl", ttl.toSeconds() + "s", "display_name", "watchkeeper"))
			.get("auth");
		return new CreatedToken(auth.get("client_token").asString(), auth.get("accessor").asString(), "");
	}

	/**
	 * A token to be revoked by a test, with its lease id (found by listing the role's
	 * leases before and after).
	 */
	CreatedToken victimToken(Duration ttl) {
		knownLeases.addAll(listLeases());
		JsonNode auth = write("auth/token/create/" + tokenRole(),
				Map.of("ttl", ttl.toSeconds() + "s", "display_name", "leaked-ci", "policies", List.of("default")))
			.get("auth");
		List<String> fresh = new ArrayList<>(listLeases());
		fresh.removeAll(knownLeases);
		if (fresh.size() != 1) {
			throw new IllegalStateException("expected one new lease under " + leasePrefix() + ", found " + fresh);
		}
		knownLeases.addAll(fresh);
		return new CreatedToken(auth.get("client_token").asString(), auth.get("accessor").asString(), fresh.get(0));
	}

	List<String> listLeases() {
		HttpResponse<String> response = send("LIST", "sys/leases/lookup/" + leasePrefix(), null);
		if (response.statusCode() == 404) {
			return List.of();
		}
		List<String> ids = new ArrayList<>();
		json.readTree(response.body()).path("data").path("keys").forEach(k -> ids.add(leasePrefix() + k.asString()));
		return ids;
	}

	/**
	 * Enables AppRole at {@code mount} and creates a role; returns role id and a fresh
	 * secret id.
	 */
	String[] appRole(String mount, Duration ttl, Duration maxTtl) {
		HttpResponse<String> enabled = send("POST", "sys/auth/" + mount, Map.of("type", "approle"));
		if (enabled.statusCode() >= 300 && !enabled.body().contains("path is already in use")) {
			throw new IllegalStateException("enabling approle failed: " + enabled.body());
		}
		String role = "watchkeeper-" + suffix;
		write("auth/" + mount + "/role/" + role, Map.of("token_policies", List.of(policyName()), "token_ttl",
				ttl.toSeconds() + "s", "token_max_ttl", maxTtl.toSeconds() + "s"));
		String roleId = json.readTree(send("GET", "auth/" + mount + "/role/" + role + "/role-id", null).body())
			.path("data")
			.path("role_id")
			.asString();
		String secretId = write("auth/" + mount + "/role/" + role + "/secret-id", Map.of()).path("data")
			.path("secret_id")
			.asString();
		return new String[] { roleId, secretId };
	}

	boolean tokenAlive(String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(address + "/v1/auth/token/lookup-self"))
			.header("X-Vault-Token", token)
			.GET()
			.build();
		return exchange(request).statusCode() == 200;
	}

	boolean leaseAlive(String leaseId) {
		return send("POST", "sys/leases/lookup", Map.of("lease_id", leaseId)).statusCode() == 200;
	}

	JsonNode write(String path, Map<String, ?> body) {
		HttpResponse<String> response = send("POST", path, body);
		if (response.statusCode() >= 300) {
			throw new IllegalStateException("POST " + path + " -> " + response.statusCode() + " " + response.body());
		}
		return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
	}

	private HttpResponse<String> send(String method, String path, Map<String, ?> body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address + "/v1/" + path))
			.header("X-Vault-Token", adminToken)
			.timeout(Duration.ofSeconds(10));
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		return exchange(request.build());
	}

	private HttpResponse<String> exchange(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Vault at " + address + " did not answer: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (kind == Kind.REAL) {
			// leave nothing behind on a real Vault
			send("POST", "sys/leases/revoke-prefix/" + leasePrefix(), Map.of());
			send("DELETE", "sys/policies/acl/" + policyName(), null);
			send("DELETE", "auth/token/roles/" + tokenRole(), null);
		}
		else {
			fake.close();
		}
	}

}
