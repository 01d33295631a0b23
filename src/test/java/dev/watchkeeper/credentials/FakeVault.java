package dev.watchkeeper.credentials;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful fake of HashiCorp Vault's HTTP API on loopback, following the documented
 * shapes: {@code X-Vault-Token}, {@code X-Vault-Namespace}, JSON bodies with
 * {@code data}/{@code auth}/{@code warnings}, {@code {"errors":[...]}} on failure, 204
 * without a body (also for revoking a lease that never existed), LIST as method
 * {@code LIST} or {@code GET ?list=true} answering 404 {@code {"errors":[]}} when nothing
 * is there, 403 "permission denied" from ACL policies (including sudo on root-protected
 * paths), 503 "Vault is sealed", 400 "invalid lease" / "invalid accessor". Tokens, leases
 * and static roles are real state, so a revoke followed by a lookup shows what happened.
 * Time comes from a settable {@link Clock} so tests can expire tokens without waiting.
 * <p>
 * Faults for tests: {@link #seal()}, {@link #answerRevokesWithWarning(String)},
 * {@link #hang(String, boolean)}, {@link #failAfterActing(String)},
 * {@link #ignoreRevokes()}.
 */
public final class FakeVault implements AutoCloseable {

	public static final String ROOT_TOKEN = "hvs.fake-root-token-for-tests";

	/** Root-protected paths: a policy must also grant {@code sudo}. */
	private static final List<String> SUDO_PREFIXES = List.of("sys/leases/lookup/", "sys/leases/revoke-prefix/",
			"sys/leases/revoke-force/", "sys/auth/", "sys/policies/acl/");

	private static final Pattern HCL_PATH = Pattern
		.compile("path\\s+\"([^\"]+)\"\\s*\\{\\s*capabilities\\s*=\\s*\\[([^\\]]*)\\]\\s*}");

	private static final String DEFAULT_POLICY = """
			path "auth/token/lookup-self" { capabilities = ["read"] }
			path "auth/token/renew-self" { capabilities = ["update"] }
			path "auth/token/revoke-self" { capabilities = ["update"] }
			path "sys/capabilities-self" { capabilities = ["update"] }
			""";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final ObjectMapper json = new ObjectMapper();

	private final SecureRandom random = new SecureRandom();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private volatile Clock clock = Clock.systemUTC();

	// state, guarded by this
	private final Map<String, Token> tokens = new LinkedHashMap<>();

	private final TreeMap<String, Lease> leases = new TreeMap<>();

	private final Map<String, Map<String, Set<String>>> policies = new LinkedHashMap<>();

	private final Map<String, TokenRole> tokenRoles = new LinkedHashMap<>();

	private final Map<String, StaticRole> staticRoles = new LinkedHashMap<>();

	private final Map<String, AppRole> appRoles = new LinkedHashMap<>();

	private final Map<String, KubernetesRole> kubernetesRoles = new LinkedHashMap<>();

	private final Set<String> authMounts = new LinkedHashSet<>(List.of("token"));

	// faults
	private volatile boolean sealed;

	private volatile String revokeWarning;

	private volatile boolean ignoreRevokes;

	private volatile Hang hang;

	private volatile String failAfterActingPrefix;

	private volatile String contentType = "application/json";

	private volatile CountDownLatch released = new CountDownLatch(1);

	/** One request as received; the token is reduced to the accessor it belongs to. */
	public record Recorded(String method, String path, String tokenAccessor, String namespace, String body) {
	}

	private record Hang(String pathPrefix, boolean afterActing, java.util.concurrent.atomic.AtomicInteger skips) {

		boolean applies(String path) {
			return path.startsWith(pathPrefix) && skips.getAndDecrement() <= 0;
		}
	}

	private static final class Token {

		String id;

		String accessor;

		List<String> policies;

		String displayName;

		Instant created;

		Duration creationTtl;

		Instant expires; // null: never

		Instant maxExpires; // null: no max

		boolean renewable;

		String path;

		String leaseId;

		String parentAccessor;

		boolean orphan;

	}

	private record Lease(String id, Instant issued, Instant expires, boolean renewable, Instant lastRenewal,
			String tokenAccessor) {
	}

	private record TokenRole(List<String> policies) {
	}

	/** A database static role. */
	private record StaticRole(String username, String dbName, Duration rotationPeriod, Instant lastRotation) {
	}

	private record AppRole(String roleId, Set<String> secretIds, List<String> policies, Duration ttl, Duration maxTtl) {
	}

	private record KubernetesRole(String jwt, List<String> policies, Duration ttl) {
	}

	private record Reply(int status, String body) {
	}

	public FakeVault() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
		policies.put("default", parsePolicy(DEFAULT_POLICY));
		synchronized (this) {
			Token root = new Token();
			root.id = ROOT_TOKEN;
			root.accessor = "rootaccessor000000000001";
			root.policies = List.of("root");
			root.displayName = "root";
			root.created = Instant.now();
			root.creationTtl = Duration.ZERO;
			root.path = "auth/token/root";
			root.orphan = true;
			tokens.put(root.id, root);
		}
	}

	public String address() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/**
	 * Time for TTLs and expiry; share the test's clock so advancing it expires tokens
	 * here too.
	 */
	public FakeVault clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	public List<Recorded> requests() {
		return List.copyOf(requests);
	}

	public List<Recorded> requests(String method, String path) {
		return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
	}

	public void clearRequests() {
		requests.clear();
	}

	// --- faults
	// -------------------------------------------------------------------------------------------------

	public void seal() {
		sealed = true;
	}

	public void unseal() {
		sealed = false;
	}

	/**
	 * Revokes answer 200 with this warning instead of 204, after revoking (Vault does
	 * this, e.g. for deprecations).
	 */
	public void answerRevokesWithWarning(String warning) {
		this.revokeWarning = warning;
	}

	/**
	 * Requests whose path starts with the prefix never get an answer (until
	 * {@link #releaseHangs()}).
	 */
	public void hang(String pathPrefix, boolean afterActing) {
		hang(pathPrefix, afterActing, 0);
	}

	/**
	 * Like {@link #hang(String, boolean)}, but the first {@code skip} matching requests
	 * are answered normally.
	 */
	public void hang(String pathPrefix, boolean afterActing, int skip) {
		this.hang = new Hang(pathPrefix, afterActing, new java.util.concurrent.atomic.AtomicInteger(skip));
	}

	public void releaseHangs() {
		hang = null;
		released.countDown();
		released = new CountDownLatch(1);
	}

	/**
	 * Requests under the prefix act, then answer 500 as Vault does when a backend fails
	 * after the change.
	 */
	public void failAfterActing(String pathPrefix) {
		this.failAfterActingPrefix = pathPrefix;
	}

	/**
	 * Revokes answer 204 but change nothing, as when revocation silently fails in a
	 * backend.
	 */
	public void ignoreRevokes() {
		this.ignoreRevokes = true;
	}

	/**
	 * Answers with another Content-Type, as a proxy that adds {@code ; charset=utf-8}
	 * would.
	 */
	public void contentType(String contentType) {
		this.contentType = contentType;
	}

	public void clearFaults() {
		contentType = "application/json";
		sealed = false;
		revokeWarning = null;
		ignoreRevokes = false;
		failAfterActingPrefix = null;
		releaseHangs();
	}

	// --- seeding without HTTP
	// -----------------------------------------------------------------------------------

	/**
	 * A lease as a secrets engine would create it, e.g.
	 * {@code database/creds/readonly/<uuid>}.
	 */
	public synchronized String seedLease(String issuedBy, Duration ttl) {
		String id = issuedBy + "/" + randomId(24);
		Instant now = clock.instant();
		leases.put(id, new Lease(id, now, now.plus(ttl), true, null, null));
		return id;
	}

	public synchronized void seedStaticRole(String name, String username, Duration rotationPeriod) {
		staticRoles.put(name,
				new StaticRole(username, "postgres", rotationPeriod, clock.instant().minus(Duration.ofHours(3))));
	}

	public synchronized void seedKubernetesRole(String role, String jwt, List<String> policies, Duration ttl) {
		authMounts.add("kubernetes");
		kubernetesRoles.put(role, new KubernetesRole(jwt, List.copyOf(policies), ttl));
	}

	/** Marks a token (by accessor) as not renewable, as a token with a fixed TTL is. */
	public synchronized void makeNotRenewable(String accessor) {
		tokens.values().stream().filter(t -> t.accessor.equals(accessor)).forEach(t -> t.renewable = false);
	}

	public synchronized boolean tokenExists(String accessor) {
		expire();
		return tokens.values().stream().anyMatch(t -> t.accessor.equals(accessor));
	}

	public synchronized boolean leaseExists(String leaseId) {
		expire();
		return leases.containsKey(leaseId);
	}

	@Override
	public void close() {
		releaseHangs();
		server.stop(0);
		executor.shutdownNow();
	}

	// --- HTTP
	// ---------------------------------------------------------------------------------------------------

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			String method = exchange.getRequestMethod();
			String rawPath = uri.getPath();
			String query = uri.getQuery() == null ? "" : uri.getQuery();
			if ("GET".equals(method) && query.contains("list=true")) {
				method = "LIST";
			}
			if ("PUT".equals(method)) {
				// Vault treats PUT and POST alike
				method = "POST";
			}
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
			String namespace = exchange.getRequestHeaders().getFirst("X-Vault-Namespace");
			String path = rawPath.startsWith("/v1/") ? rawPath.substring(4) : rawPath;
			requests.add(new Recorded(method, path, accessorOf(token), namespace == null ? "" : namespace, body));
			Hang pending = hang;
			boolean hangs = pending != null && pending.applies(path);
			if (hangs && !pending.afterActing()) {
				awaitRelease();
				return;
			}
			Reply reply;
			try {
				reply = route(method, path, token, body.isBlank() ? json.createObjectNode() : json.readTree(body));
			}
			catch (RuntimeException ex) {
				reply = errors(400, "failed to parse JSON input: " + ex.getMessage());
			}
			if (hangs && pending.afterActing()) {
				awaitRelease();
				return;
			}
			String failing = failAfterActingPrefix;
			if (failing != null && path.startsWith(failing) && reply.status() < 300) {
				reply = errors(500, "1 error occurred:\n\t* internal error after the change was made\n\n");
			}
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			if (reply.status() == 204) {
				exchange.sendResponseHeaders(204, -1);
				return;
			}
			// exactly "application/json", as Vault sends it: the driver's login and
			// health parsing insist on it
			exchange.getResponseHeaders().set("Content-Type", contentType);
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(reply.status(), bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private void awaitRelease() {
		try {
			released.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized Reply route(String method, String path, String tokenId, JsonNode body) {
		expire();
		if (path.equals("sys/health") && method.equals("GET")) {
			return health();
		}
		if (sealed) {
			return errors(503, "Vault is sealed");
		}
		for (String mount : authMounts) {
			if (!mount.equals("token") && path.equals("auth/" + mount + "/login") && method.equals("POST")) {
				return login(mount, body);
			}
		}
		Token caller = tokenId == null ? null : tokens.get(tokenId);
		if (caller == null) {
			return errors(403, "permission denied");
		}
		String capability = switch (method) {
			case "GET" -> "read";
			case "LIST" -> "list";
			case "DELETE" -> "delete";
			default -> "update";
		};
		if (!allowed(caller, path, capability)) {
			return errors(403, "1 error occurred:\n\t* permission denied\n\n");
		}
		return handle(method, path, caller, body);
	}

	private Reply handle(String method, String path, Token caller, JsonNode body) {
		String key = method + " " + path;
		if (key.equals("POST sys/leases/lookup")) {
			return leaseLookup(body);
		}
		if (method.equals("LIST") && path.startsWith("sys/leases/lookup/")) {
			return leaseList(path.substring("sys/leases/lookup/".length()));
		}
		if (key.equals("POST sys/leases/revoke")) {
			return revokeLease(text(body, "lease_id"));
		}
		if (method.equals("POST") && path.startsWith("sys/leases/revoke-prefix/")) {
			return revokePrefix(path.substring("sys/leases/revoke-prefix/".length()));
		}
		if (key.equals("POST sys/capabilities-self")) {
			return capabilities(caller, body);
		}
		if (method.equals("POST") && path.startsWith("sys/policies/acl/")) {
			policies.put(path.substring("sys/policies/acl/".length()), parsePolicy(text(body, "policy")));
			return new Reply(204, "");
		}
		if (method.equals("POST") && path.startsWith("sys/auth/")) {
			authMounts.add(path.substring("sys/auth/".length()));
			return new Reply(204, "");
		}
		if (key.equals("GET auth/token/lookup-self")) {
			return new Reply(200, envelope(tokenData(caller, true), null, List.of()));
		}
		if (key.equals("POST auth/token/renew-self")) {
			return renew(caller, body);
		}
		if (key.equals("POST auth/token/revoke-self")) {
			revokeToken(caller);
			return new Reply(204, "");
		}
		if (key.equals("POST auth/token/lookup-accessor")) {
			Token token = byAccessor(text(body, "accessor"));
			return token == null ? errors(400, "invalid accessor")
					: new Reply(200, envelope(tokenData(token, false), null, List.of()));
		}
		if (key.equals("POST auth/token/revoke-accessor")) {
			Token token = byAccessor(text(body, "accessor"));
			if (token == null) {
				return errors(400, "invalid accessor");
			}
			if (!ignoreRevokes) {
				revokeToken(token);
			}
			return new Reply(204, "");
		}
		if (method.equals("POST") && path.startsWith("auth/token/roles/")) {
			tokenRoles.put(path.substring("auth/token/roles/".length()),
					new TokenRole(strings(body.get("allowed_policies"))));
			return new Reply(204, "");
		}
		if (method.equals("POST") && (path.equals("auth/token/create") || path.startsWith("auth/token/create/"))) {
			String role = path.equals("auth/token/create") ? null : path.substring("auth/token/create/".length());
			if (role != null && !tokenRoles.containsKey(role)) {
				return errors(400, "unknown role " + role);
			}
			return createToken(caller, role, body);
		}
		Matcher approle = Pattern.compile("auth/([^/]+)/role/([^/]+)(/role-id|/secret-id)?").matcher(path);
		if (approle.matches() && authMounts.contains(approle.group(1))) {
			return appRoleAdmin(method, approle.group(2), approle.group(3), body);
		}
		if (method.equals("GET") && path.startsWith("database/static-roles/")) {
			StaticRole role = staticRoles.get(path.substring("database/static-roles/".length()));
			return role == null ? errors(404) : new Reply(200, envelope(staticRoleData(role), null, List.of()));
		}
		if (method.equals("POST") && path.startsWith("database/rotate-role/")) {
			String name = path.substring("database/rotate-role/".length());
			StaticRole role = staticRoles.get(name);
			if (role == null) {
				return errors(400, "no static role found for role name");
			}
			staticRoles.put(name,
					new StaticRole(role.username(), role.dbName(), role.rotationPeriod(), clock.instant()));
			return new Reply(204, "");
		}
		return errors(404, "no handler for route \"" + path + "\". route entry not found.");
	}

	private Reply health() {
		ObjectNode body = json.createObjectNode();
		body.put("initialized", true);
		body.put("sealed", sealed);
		body.put("standby", false);
		body.put("performance_standby", false);
		body.put("replication_performance_mode", "disabled");
		body.put("replication_dr_mode", "disabled");
		body.put("server_time_utc", clock.instant().getEpochSecond());
		body.put("version", "1.17.0");
		body.put("cluster_name", "fake-vault");
		body.put("cluster_id", "00000000-0000-0000-0000-000000000000");
		return new Reply(sealed ? 503 : 200, body.toString());
	}

	// --- leases
	// -------------------------------------------------------------------------------------------------

	private Reply leaseLookup(JsonNode body) {
		String id = text(body, "lease_id");
		if (id.isEmpty()) {
			return errors(400, "lease_id must be specified");
		}
		Lease lease = leases.get(id);
		if (lease == null) {
			return errors(400, "invalid lease");
		}
		ObjectNode data = json.createObjectNode();
		data.put("id", lease.id());
		data.put("issue_time", rfc3339(lease.issued()));
		if (lease.expires() == null) {
			data.putNull("expire_time");
			data.put("ttl", 0);
		}
		else {
			data.put("expire_time", rfc3339(lease.expires()));
			data.put("ttl", Math.max(0, Duration.between(clock.instant(), lease.expires()).getSeconds()));
		}
		if (lease.lastRenewal() == null) {
			data.putNull("last_renewal");
		}
		else {
			data.put("last_renewal", rfc3339(lease.lastRenewal()));
		}
		data.put("renewable", lease.renewable());
		return new Reply(200, envelope(data, null, List.of()));
	}

	private Reply leaseList(String prefix) {
		String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
		Set<String> keys = new TreeSet<>();
		for (String id : leases.tailMap(folder, true).keySet()) {
			if (!id.startsWith(folder)) {
				break;
			}
			String rest = id.substring(folder.length());
			int slash = rest.indexOf('/');
			keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
		}
		if (keys.isEmpty()) {
			return new Reply(404, "{\"errors\":[]}");
		}
		ObjectNode data = json.createObjectNode();
		ArrayNode array = data.putArray("keys");
		keys.forEach(array::add);
		return new Reply(200, envelope(data, null, List.of()));
	}

	private Reply revokeLease(String id) {
		if (id.isEmpty()) {
			return errors(400, "lease_id must be specified");
		}
		// Vault answers 204 whether or not the lease existed
		Lease lease = leases.get(id);
		if (lease != null && !ignoreRevokes) {
			removeLease(lease);
		}
		String warning = revokeWarning;
		if (warning != null) {
			return new Reply(200, envelope(null, null, List.of(warning)));
		}
		return new Reply(204, "");
	}

	private Reply revokePrefix(String prefix) {
		String folder = prefix.endsWith("/") ? prefix : prefix + "/";
		if (!ignoreRevokes) {
			for (Lease lease : new ArrayList<>(leases.values())) {
				if (lease.id().startsWith(folder)) {
					removeLease(lease);
				}
			}
		}
		String warning = revokeWarning;
		return warning != null ? new Reply(200, envelope(null, null, List.of(warning))) : new Reply(204, "");
	}

	private void removeLease(Lease lease) {
		leases.remove(lease.id());
		if (lease.tokenAccessor() != null) {
			Token token = byAccessor(lease.tokenAccessor());
			if (token != null) {
				revokeToken(token);
			}
		}
	}

	// --- tokens
	// -------------------------------------------------------------------------------------------------

	private Reply createToken(Token parent, String role, JsonNode body) {
		List<String> requested = strings(body.get("policies"));
		List<String> policies = new ArrayList<>(requested.isEmpty() && role != null ? tokenRoles.get(role).policies()
				: requested.isEmpty() ? parent.policies : requested);
		if (!policies.contains("root") && !body.path("no_default_policy").asBoolean(false)
				&& !policies.contains("default")) {
			policies.add("default");
		}
		Duration ttl = parseDuration(text(body, "ttl"), Duration.ofHours(768));
		String path = role == null ? "auth/token/create" : "auth/token/create/" + role;
		Token token = issue(policies, ttl, null, !"false".equals(text(body, "renewable")), path,
				text(body, "display_name").isEmpty() ? "token" : "token-" + text(body, "display_name"));
		token.parentAccessor = body.path("no_parent").asBoolean(false) ? null : parent.accessor;
		token.orphan = token.parentAccessor == null;
		return new Reply(200, authEnvelope(token, List.of()));
	}

	private Token issue(List<String> policies, Duration ttl, Duration maxTtl, boolean renewable, String path,
			String displayName) {
		Instant now = clock.instant();
		Token token = new Token();
		token.id = "hvs." + randomId(24);
		token.accessor = randomId(24);
		token.policies = List.copyOf(policies);
		token.displayName = displayName;
		token.created = now;
		token.creationTtl = ttl;
		token.expires = now.plus(ttl);
		token.maxExpires = maxTtl == null ? null : now.plus(maxTtl);
		token.renewable = renewable;
		token.path = path;
		token.leaseId = path + "/" + sha(token.id);
		tokens.put(token.id, token);
		leases.put(token.leaseId, new Lease(token.leaseId, now, token.expires, renewable, null, token.accessor));
		return token;
	}

	private Reply renew(Token caller, JsonNode body) {
		if (caller.expires == null || !caller.renewable) {
			return errors(400, "lease is not renewable");
		}
		Instant now = clock.instant();
		Duration wanted = body.has("increment") ? Duration.ofSeconds(body.get("increment").asLong())
				: caller.creationTtl;
		Instant expires = now.plus(wanted);
		List<String> warnings = new ArrayList<>();
		if (caller.maxExpires != null && expires.isAfter(caller.maxExpires)) {
			expires = caller.maxExpires;
			warnings.add("TTL of \"" + wanted.toSeconds() + "s\" exceeded the effective max_ttl of \""
					+ Duration.between(now, expires).toSeconds() + "s\"; TTL value is capped accordingly");
		}
		caller.expires = expires;
		Lease lease = leases.get(caller.leaseId);
		if (lease != null) {
			leases.put(lease.id(), new Lease(lease.id(), lease.issued(), expires, true, now, caller.accessor));
		}
		return new Reply(200, authEnvelope(caller, warnings));
	}

	private void revokeToken(Token token) {
		tokens.remove(token.id);
		if (token.leaseId != null) {
			leases.remove(token.leaseId);
		}
		for (Token child : new ArrayList<>(tokens.values())) {
			if (token.accessor.equals(child.parentAccessor)) {
				revokeToken(child);
			}
		}
	}

	private Token byAccessor(String accessor) {
		return tokens.values().stream().filter(t -> t.accessor.equals(accessor)).findFirst().orElse(null);
	}

	private String accessorOf(String tokenId) {
		if (tokenId == null) {
			return "";
		}
		synchronized (this) {
			Token token = tokens.get(tokenId);
			return token == null ? "(unknown token)" : token.accessor;
		}
	}

	private ObjectNode tokenData(Token token, boolean self) {
		ObjectNode data = json.createObjectNode();
		data.put("accessor", token.accessor);
		data.put("creation_time", token.created.getEpochSecond());
		data.put("creation_ttl", token.creationTtl.getSeconds());
		data.put("display_name", token.displayName);
		data.put("entity_id", "");
		if (token.expires == null) {
			data.putNull("expire_time");
		}
		else {
			data.put("expire_time", rfc3339(token.expires));
		}
		data.put("explicit_max_ttl", 0);
		// lookup-accessor blanks the id; only lookup-self shows the caller its own token
		data.put("id", self ? token.id : "");
		data.put("issue_time", rfc3339(token.created));
		data.putNull("meta");
		data.put("num_uses", 0);
		data.put("orphan", token.orphan);
		data.put("path", token.path);
		ArrayNode policies = data.putArray("policies");
		token.policies.forEach(policies::add);
		data.put("renewable", token.renewable);
		data.put("ttl",
				token.expires == null ? 0 : Math.max(0, Duration.between(clock.instant(), token.expires).getSeconds()));
		data.put("type", "service");
		return data;
	}

	private String authEnvelope(Token token, List<String> warnings) {
		ObjectNode auth = json.createObjectNode();
		auth.put("client_token", token.id);
		auth.put("accessor", token.accessor);
		ArrayNode policies = auth.putArray("policies");
		token.policies.forEach(policies::add);
		ArrayNode tokenPolicies = auth.putArray("token_policies");
		token.policies.forEach(tokenPolicies::add);
		auth.putNull("metadata");
		auth.put("lease_duration",
				token.expires == null ? 0 : Math.max(0, Duration.between(clock.instant(), token.expires).getSeconds()));
		auth.put("renewable", token.renewable);
		auth.put("entity_id", "");
		auth.put("token_type", "service");
		auth.put("orphan", token.orphan);
		return envelope(null, auth, warnings);
	}

	// --- logins
	// -------------------------------------------------------------------------------------------------

	private Reply login(String mount, JsonNode body) {
		if (kubernetesRoles.containsKey(text(body, "role")) || mount.equals("kubernetes")) {
			KubernetesRole role = kubernetesRoles.get(text(body, "role"));
			if (role == null) {
				return errors(400, "invalid role name \"" + text(body, "role") + "\"");
			}
			if (!role.jwt().equals(text(body, "jwt"))) {
				return errors(403, "permission denied");
			}
			Token token = issue(withDefault(role.policies()), role.ttl(), null, true, "auth/" + mount + "/login",
					"kubernetes-default-watchkeeper");
			token.orphan = true;
			return new Reply(200, authEnvelope(token, List.of()));
		}
		for (AppRole role : appRoles.values()) {
			if (role.roleId().equals(text(body, "role_id")) && role.secretIds().contains(text(body, "secret_id"))) {
				Token token = issue(withDefault(role.policies()), role.ttl(), role.maxTtl(), true,
						"auth/" + mount + "/login", "approle");
				token.orphan = true;
				return new Reply(200, authEnvelope(token, List.of()));
			}
		}
		return errors(400, "invalid role or secret ID");
	}

	private Reply appRoleAdmin(String method, String name, String suffix, JsonNode body) {
		if (suffix == null && method.equals("POST")) {
			AppRole existing = appRoles.get(name);
			appRoles.put(name, new AppRole(existing == null ? randomUuid() : existing.roleId(),
					existing == null ? new LinkedHashSet<>() : existing.secretIds(),
					strings(body.get("token_policies")), parseDuration(text(body, "token_ttl"), Duration.ofHours(1)),
					parseDuration(text(body, "token_max_ttl"), Duration.ofHours(24))));
			return new Reply(204, "");
		}
		AppRole role = appRoles.get(name);
		if (role == null) {
			return errors(400, "invalid role name \"" + name + "\"");
		}
		ObjectNode data = json.createObjectNode();
		if ("/role-id".equals(suffix) && method.equals("GET")) {
			data.put("role_id", role.roleId());
			return new Reply(200, envelope(data, null, List.of()));
		}
		if ("/secret-id".equals(suffix) && method.equals("POST")) {
			String secretId = randomUuid();
			role.secretIds().add(secretId);
			data.put("secret_id", secretId);
			data.put("secret_id_accessor", randomUuid());
			data.put("secret_id_ttl", 0);
			return new Reply(200, envelope(data, null, List.of()));
		}
		return errors(405, "unsupported operation");
	}

	// --- policies
	// -----------------------------------------------------------------------------------------------

	private boolean allowed(Token token, String path, String capability) {
		Set<String> granted = capabilitiesOn(token, path);
		if (granted.contains("root")) {
			return true;
		}
		if (granted.contains("deny") || !granted.contains(capability)) {
			return false;
		}
		boolean needsSudo = SUDO_PREFIXES.stream().anyMatch(path::startsWith);
		return !needsSudo || granted.contains("sudo");
	}

	/**
	 * Vault's matching: per policy the exact path wins over globs, a longer glob over a
	 * shorter; policies add up.
	 */
	private Set<String> capabilitiesOn(Token token, String path) {
		if (token.policies.contains("root")) {
			return Set.of("root");
		}
		Set<String> granted = new TreeSet<>();
		for (String name : token.policies) {
			Map<String, Set<String>> policy = policies.get(name);
			if (policy == null) {
				continue;
			}
			String best = null;
			for (String pattern : policy.keySet()) {
				boolean glob = pattern.endsWith("*");
				boolean match = glob ? path.startsWith(pattern.substring(0, pattern.length() - 1))
						: path.equals(pattern);
				if (match && (best == null || !glob && best.endsWith("*")
						|| glob == best.endsWith("*") && pattern.length() > best.length())) {
					best = pattern;
				}
			}
			if (best != null) {
				granted.addAll(policy.get(best));
			}
		}
		return granted;
	}

	private Reply capabilities(Token caller, JsonNode body) {
		ObjectNode data = json.createObjectNode();
		ArrayNode last = null;
		for (String path : strings(body.get("paths"))) {
			Set<String> granted = capabilitiesOn(caller, path);
			ArrayNode array = data.putArray(path);
			(granted.isEmpty() ? Set.of("deny") : granted).forEach(array::add);
			last = array;
		}
		ObjectNode envelope = (ObjectNode) json.readTree(envelope(data, null, List.of()));
		data.properties().forEach(e -> envelope.set(e.getKey(), e.getValue()));
		if (last != null) {
			envelope.set("capabilities", last);
		}
		return new Reply(200, envelope.toString());
	}

	private static Map<String, Set<String>> parsePolicy(String hcl) {
		Map<String, Set<String>> policy = new LinkedHashMap<>();
		Matcher matcher = HCL_PATH.matcher(hcl == null ? "" : hcl);
		while (matcher.find()) {
			Set<String> capabilities = new LinkedHashSet<>();
			for (String capability : matcher.group(2).split(",")) {
				String value = capability.strip().replace("\"", "");
				if (!value.isEmpty()) {
					capabilities.add(value);
				}
			}
			policy.put(matcher.group(1), capabilities);
		}
		return policy;
	}

	// --- helpers
	// ------------------------------------------------------------------------------------------------

	private void expire() {
		Instant now = clock.instant();
		for (Token token : new ArrayList<>(tokens.values())) {
			if (token.expires != null && !now.isBefore(token.expires)) {
				revokeToken(token);
			}
		}
		leases.values().removeIf(l -> l.expires() != null && !now.isBefore(l.expires()));
	}

	private ObjectNode staticRoleData(StaticRole role) {
		ObjectNode data = json.createObjectNode();
		data.put("db_name", role.dbName());
		data.put("username", role.username());
		data.putArray("rotation_statements").add("ALTER USER \"{{name}}\" WITH PASSWORD '{{password}}';");
		data.put("last_vault_rotation", rfc3339(role.lastRotation()));
		data.put("rotation_period", role.rotationPeriod().getSeconds());
		Instant next = role.lastRotation().plus(role.rotationPeriod());
		data.put("ttl", Math.max(0, Duration.between(clock.instant(), next).getSeconds()));
		data.put("credential_type", "password");
		return data;
	}

	private String envelope(ObjectNode data, ObjectNode auth, List<String> warnings) {
		ObjectNode body = json.createObjectNode();
		body.put("request_id", randomUuid());
		body.put("lease_id", "");
		body.put("renewable", false);
		body.put("lease_duration", 0);
		if (data == null) {
			body.putNull("data");
		}
		else {
			body.set("data", data);
		}
		body.putNull("wrap_info");
		if (warnings.isEmpty()) {
			body.putNull("warnings");
		}
		else {
			ArrayNode array = body.putArray("warnings");
			warnings.forEach(array::add);
		}
		if (auth == null) {
			body.putNull("auth");
		}
		else {
			body.set("auth", auth);
		}
		body.put("mount_type", "system");
		return body.toString();
	}

	private Reply errors(int status, String... errors) {
		ObjectNode body = json.createObjectNode();
		ArrayNode array = body.putArray("errors");
		for (String error : errors) {
			array.add(error);
		}
		return new Reply(status, body.toString());
	}

	private static String text(JsonNode body, String name) {
		JsonNode value = body.get(name);
		return value == null || value.isNull() ? "" : value.asString();
	}

	private static List<String> strings(JsonNode value) {
		List<String> values = new ArrayList<>();
		if (value == null || value.isNull()) {
			return values;
		}
		if (value.isArray()) {
			value.forEach(v -> values.add(v.asString()));
		}
		else {
			for (String part : value.asString().split(",")) {
				if (!part.isBlank()) {
					values.add(part.strip());
				}
			}
		}
		return values;
	}

	private static List<String> withDefault(List<String> policies) {
		List<String> all = new ArrayList<>(policies);
		if (!all.contains("default")) {
			all.add("default");
		}
		return all;
	}

	private static Duration parseDuration(String text, Duration fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		Matcher m = Pattern.compile("(\\d+)([smhd]?)").matcher(text.strip());
		if (!m.matches()) {
			return fallback;
		}
		long n = Long.parseLong(m.group(1));
		return switch (m.group(2)) {
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			case "d" -> Duration.ofDays(n);
			default -> Duration.ofSeconds(n);
		};
	}

	private static String rfc3339(Instant instant) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
	}

	private String randomId(int length) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder id = new StringBuilder();
		for (int i = 0; i < length; i++) {
			id.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return id.toString();
	}

	private String randomUuid() {
		return java.util.UUID.randomUUID().toString();
	}

	private static String sha(String value) {
		try {
			return "h" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)))
				.substring(0, 40);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
