package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import dev.watchkeeper.diagnostics.DiagnosticsRevealRefused.Reason;
import dev.watchkeeper.diagnostics.ShareAudience;
import dev.watchkeeper.diagnostics.internal.ShareLedger.CreatedShare;
import dev.watchkeeper.diagnostics.internal.ShareLedger.NewShare;
import dev.watchkeeper.diagnostics.internal.ShareLedger.RevealOutcome;
import dev.watchkeeper.diagnostics.internal.ShareLedger.ShareStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP API of the share pages and the CLI. {@code POST /d/{id}/reveal} is the only
 * request that consumes a view; every answer about a share that is unknown, ended, or
 * asked about without the key is the same 404.
 */
@RestController
class DiagnosticsApi {

	static final String SERVER_KEY = "Watchkeeper-Server-Key";

	static final String LEASE = "Watchkeeper-Lease";

	static final String LEASE_EXPIRES = "Watchkeeper-Lease-Expires";

	static final String VIEWS_LEFT = "Watchkeeper-Views-Left";

	static final String UPLOAD_OFFSET = "Watchkeeper-Upload-Offset";

	static final String UPLOAD_COMPLETE = "Watchkeeper-Upload-Complete";

	private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");

	private static final int BUFFER = 64 * 1024;

	private final Shares shares;

	private final DiagnosticsProperties properties;

	private final String publicUrl;

	private final SlackSignIn signIn;

	DiagnosticsApi(Shares shares, DiagnosticsProperties properties,
			@Value("${watchkeeper.public-url:http://localhost:8080}") String publicUrl, SlackSignIn signIn) {
		this.shares = shares;
		this.signIn = signIn;
		this.properties = properties;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/** Body of {@code POST /api/d}: all binary values base64url. */
	record CreateRequest(@Nullable Long ttlSeconds, @Nullable Integer views, @Nullable Long size,
			@Nullable String linkVerifier, @Nullable String passphraseVerifier, @Nullable String passphraseSalt,
			@Nullable AudienceRequest audience) {
	}

	/**
	 * Who may reveal: a channel's members and/or named users; neither means the whole
	 * team.
	 */
	record AudienceRequest(@Nullable String channel, @Nullable List<String> users) {

		ShareAudience toAudience() {
			return new ShareAudience(channel, users == null ? List.of() : users);
		}
	}

	/** Body of the proof-carrying requests (status, reveal, revoke). */
	record ProofRequest(@Nullable String nonce, @Nullable String proof, @Nullable String passphraseProof) {
	}

	@GetMapping("/api/d/limits")
	Map<String, Object> limits() {
		Map<String, Object> limits = new LinkedHashMap<>();
		limits.put("defaultTtlSeconds", properties.defaultTtl().toSeconds());
		limits.put("minTtlSeconds", DiagnosticsProperties.MIN_TTL.toSeconds());
		limits.put("maxTtlSeconds", DiagnosticsProperties.MAX_TTL.toSeconds());
		limits.put("defaultViews", properties.defaultViews());
		limits.put("maxViews", DiagnosticsProperties.MAX_VIEWS);
		limits.put("maxSize", properties.maxSize().toBytes());
		limits.put("chunkSize", 1 << ShareHeader.DEFAULT_CHUNK_EXPONENT);
		limits.put("signInRequired", signIn.configured());
		return limits;
	}

	@PostMapping("/api/d")
	ResponseEntity<Map<String, Object>> create(@RequestBody CreateRequest body, HttpServletRequest request) {
		Duration ttl = body.ttlSeconds() == null ? properties.defaultTtl() : Duration.ofSeconds(body.ttlSeconds());
		int views = body.views() == null ? properties.defaultViews() : body.views();
		if (body.linkVerifier() == null) {
			throw new IllegalArgumentException("linkVerifier is required");
		}
		byte[] linkVerifier = ShareKeys.decode(body.linkVerifier(), "linkVerifier", ShareKeys.KEY_BYTES);
		byte[] passphraseVerifier = null;
		byte[] passphraseSalt = null;
		if (body.passphraseVerifier() != null || body.passphraseSalt() != null) {
			if (body.passphraseVerifier() == null || body.passphraseSalt() == null) {
				throw new IllegalArgumentException("passphraseVerifier and passphraseSalt go together");
			}
			passphraseVerifier = ShareKeys.decode(body.passphraseVerifier(), "passphraseVerifier", ShareKeys.KEY_BYTES);
			passphraseSalt = ShareKeys.decode(body.passphraseSalt(), "passphraseSalt", ShareKeys.PASSPHRASE_SALT_BYTES);
		}
		if (body.size() != null && body.size() < Shares.MIN_CIPHERTEXT) {
			throw new IllegalArgumentException("size is too small for a ciphertext");
		}
		ShareAudience audience = body.audience() == null ? ShareAudience.TEAM : body.audience().toAudience();
		// a creator signed in with Slack is named in the audit trail and may always open
		// their own share
		Optional<Viewer> creator = signIn.viewer(request);
		CreatedShare created = shares.create(new NewShare(ttl, views, body.size(), linkVerifier, passphraseVerifier,
				passphraseSalt, creator.map(Viewer::userId).orElse("anonymous"), client(request), "", audience));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", created.id().value());
		answer.put("serverKey", ShareKeys.encode(created.serverKey()));
		answer.put("uploadToken", created.uploadToken());
		answer.put("expiresAt", created.expiresAt().toString());
		answer.put("views", created.views());
		answer.put("pageUrl", publicUrl + "/d/" + created.id().value());
		return ResponseEntity.status(HttpStatus.CREATED).body(answer);
	}

	@PutMapping("/api/d/{id}/ciphertext")
	Map<String, Object> upload(@PathVariable String id,
			@RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
			@RequestHeader(name = UPLOAD_OFFSET, defaultValue = "0") long offset,
			@RequestHeader(name = UPLOAD_COMPLETE, defaultValue = "true") boolean complete, HttpServletRequest request)
			throws IOException {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			throw new ShareNotAvailable();
		}
		if (offset < 0) {
			throw new IllegalArgumentException(UPLOAD_OFFSET + " must not be negative");
		}
		Shares.Uploaded uploaded = shares.upload(id, authorization.substring(7).strip(), offset, complete,
				request.getInputStream(), request.getContentLengthLong());
		return Map.of("stored", uploaded.stored(), "complete", uploaded.complete());
	}

	@PostMapping("/api/d/{id}/nonce")
	Map<String, String> nonce(@PathVariable String id) {
		return Map.of("nonce", ShareKeys.encode(shares.nonce(id)));
	}

	@PostMapping("/api/d/{id}/status")
	Map<String, Object> status(@PathVariable String id, @RequestBody ProofRequest body, HttpServletRequest request) {
		Optional<Viewer> viewer = signIn.viewer(request);
		Shares.Status found = shares.status(id, nonce(body), proof(body.proof(), "proof"), viewer)
			.orElseThrow(ShareNotAvailable::new);
		ShareStatus status = found.share();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("viewsLeft", status.viewsLeft());
		answer.put("maxViews", status.maxViews());
		answer.put("expiresAt", status.expiresAt().toString());
		answer.put("size", status.size());
		answer.put("passphrase", status.passphrase());
		if (status.passphrase() && status.passphraseSalt() != null) {
			answer.put("passphraseSalt", ShareKeys.encode(status.passphraseSalt()));
			answer.put("passphraseIterations", ShareKeys.PBKDF2_ITERATIONS);
			answer.put("passphraseAttemptsLeft", status.passphraseAttemptsLeft());
		}
		// what the page needs to say before Reveal is pressed; only ever told to a holder
		// of the key
		answer.put("access", found.access().wireName());
		if (signIn.configured()) {
			answer.put("signIn", "/d/sign-in?share=" + id);
			viewer.ifPresent(v -> answer.put("signedInAs", v.name()));
			Map<String, Object> audience = new LinkedHashMap<>();
			audience.put("channel", status.audience().channel());
			audience.put("users", status.audience().users().size());
			audience.put("wholeTeam", status.audience().wholeTeam());
			answer.put("audience", audience);
		}
		return answer;
	}

	/**
	 * Consumes one view and answers with the ciphertext; the server half and the lease
	 * for resuming travel in response headers. Refusals consume nothing.
	 */
	@PostMapping("/d/{id}/reveal")
	void reveal(@PathVariable String id, @RequestBody ProofRequest body, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		byte[] passphraseProof = body.passphraseProof() == null ? null
				: proof(body.passphraseProof(), "passphraseProof");
		RevealOutcome outcome = shares.reveal(id, nonce(body), proof(body.proof(), "proof"), passphraseProof,
				signIn.viewer(request), client(request), request.getRemoteAddr());
		if (outcome instanceof RevealOutcome.Refused refused) {
			refuse(id, refused, response);
			return;
		}
		RevealOutcome.Revealed revealed = (RevealOutcome.Revealed) outcome;
		Optional<Shares.Leased> ciphertext = shares.ciphertext(id, revealed.leaseToken(), 0);
		response.setHeader(SERVER_KEY, ShareKeys.encode(revealed.serverKey()));
		response.setHeader(LEASE, revealed.leaseToken());
		response.setHeader(LEASE_EXPIRES, revealed.leaseExpiresAt().toString());
		response.setHeader(VIEWS_LEFT, Integer.toString(revealed.viewsLeft()));
		if (ciphertext.isEmpty()) {
			// the view is used and the lease stands: the client resumes with GET
			// .../ciphertext
			DiagnosticsErrors.write(response, HttpStatus.SERVICE_UNAVAILABLE, "ciphertext_unavailable",
					"The ciphertext could not be read; retry with the lease.");
			return;
		}
		stream(ciphertext.get(), 0, HttpStatus.OK, response);
	}

	/** Resumes a reveal's download under its lease; GET because it consumes nothing. */
	@GetMapping("/api/d/{id}/ciphertext")
	void ciphertext(@PathVariable String id, @RequestHeader(name = LEASE, required = false) @Nullable String lease,
			@RequestHeader(name = "Range", required = false) @Nullable String range, HttpServletResponse response)
			throws IOException {
		long offset = 0;
		if (range != null) {
			Matcher m = RANGE.matcher(range.strip());
			if (!m.matches()) {
				throw new IllegalArgumentException("only Range: bytes=N- is supported");
			}
			offset = Long.parseLong(m.group(1));
		}
		Shares.Leased leased = shares.ciphertext(id, lease, offset).orElseThrow(ShareNotAvailable::new);
		stream(leased, offset, range == null ? HttpStatus.OK : HttpStatus.PARTIAL_CONTENT, response);
	}

	@PostMapping("/api/d/{id}/revoke")
	ResponseEntity<Void> revoke(@PathVariable String id, @RequestBody ProofRequest body) {
		if (!shares.revokeWithProof(id, nonce(body), proof(body.proof(), "proof"))) {
			throw new ShareNotAvailable();
		}
		return ResponseEntity.noContent().build();
	}

	private static void stream(Shares.Leased leased, long offset, HttpStatus status, HttpServletResponse response)
			throws IOException {
		long length = leased.totalSize() - offset;
		response.setStatus(status.value());
		response.setContentType("application/octet-stream");
		response.setContentLengthLong(length);
		response.setHeader("Accept-Ranges", "bytes");
		if (status == HttpStatus.PARTIAL_CONTENT) {
			response.setHeader("Content-Range",
					"bytes " + offset + "-" + (leased.totalSize() - 1) + "/" + leased.totalSize());
		}
		try (InputStream in = leased.stream()) {
			OutputStream out = response.getOutputStream();
			byte[] buffer = new byte[BUFFER];
			long remaining = length;
			int n;
			while (remaining > 0 && (n = in.read(buffer, 0, (int) Math.min(BUFFER, remaining))) >= 0) {
				out.write(buffer, 0, n);
				remaining -= n;
			}
			out.flush();
		}
	}

	private static void refuse(String id, RevealOutcome.Refused refused, HttpServletResponse response)
			throws IOException {
		if (refused.keyProven() && refused.reason() == Reason.NOT_SIGNED_IN) {
			DiagnosticsErrors.write(response, HttpStatus.UNAUTHORIZED, "sign_in_required",
					"Sign in with Slack to reveal this share: open the link in a browser. No view was used.",
					Map.of("signIn", "/d/sign-in?share=" + id));
			return;
		}
		if (refused.keyProven() && refused.reason() == Reason.OTHER_TEAM) {
			DiagnosticsErrors.write(response, HttpStatus.FORBIDDEN, "not_in_audience",
					"You are signed in to another Slack workspace than the one this share belongs to. "
							+ "No view was used.");
			return;
		}
		if (refused.keyProven() && refused.reason() == Reason.NOT_IN_AUDIENCE) {
			DiagnosticsErrors.write(response, HttpStatus.FORBIDDEN, "not_in_audience",
					"This share is only for the members of its channel and the people its creator named, and you "
							+ "are not one of them. No view was used; ask whoever shared it.");
			return;
		}
		if (refused.keyProven() && refused.reason() == Reason.AUDIENCE_UNVERIFIABLE) {
			response.setHeader("Retry-After", "30");
			DiagnosticsErrors.write(response, HttpStatus.SERVICE_UNAVAILABLE, "audience_unavailable",
					"Slack could not confirm who may open this share right now. No view was used; try again in "
							+ "a minute.");
			return;
		}
		if (refused.keyProven() && refused.reason() == Reason.WRONG_PASSPHRASE) {
			DiagnosticsErrors.write(response, HttpStatus.FORBIDDEN, "wrong_passphrase",
					"Wrong passphrase. No view was used. Attempts left before the share is destroyed: "
							+ refused.passphraseAttemptsLeft() + ".",
					Map.of("attemptsLeft", refused.passphraseAttemptsLeft()));
			return;
		}
		if (refused.keyProven() && refused.reason() == Reason.PASSPHRASE_ATTEMPTS_EXHAUSTED) {
			DiagnosticsErrors.write(response, HttpStatus.FORBIDDEN, "destroyed",
					"Too many wrong passphrases: the share was destroyed.");
			return;
		}
		DiagnosticsErrors.write(response, HttpStatus.NOT_FOUND, "not_available", ShareNotAvailable.MESSAGE);
	}

	private static byte[] nonce(ProofRequest body) {
		if (body.nonce() == null) {
			throw new IllegalArgumentException("nonce is required");
		}
		return ShareKeys.decode(body.nonce(), "nonce", 32);
	}

	private static byte[] proof(@Nullable String value, String what) {
		if (value == null) {
			throw new IllegalArgumentException(what + " is required");
		}
		return ShareKeys.decode(value, what, 32);
	}

	/**
	 * Coarse client kind for audit and Slack notices: the CLI names itself, everything
	 * else is a browser.
	 */
	static String client(HttpServletRequest request) {
		String agent = request.getHeader("User-Agent");
		return agent != null && agent.startsWith("watchkeeper-cli/") ? "cli" : "browser";
	}

}
