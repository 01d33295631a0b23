package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.DiagnosticsExpired;
import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import dev.watchkeeper.diagnostics.DiagnosticsRevealRefused;
import dev.watchkeeper.diagnostics.DiagnosticsRevealRefused.Reason;
import dev.watchkeeper.diagnostics.DiagnosticsRevealed;
import dev.watchkeeper.diagnostics.DiagnosticsRevoked;
import dev.watchkeeper.diagnostics.DiagnosticsShared;
import dev.watchkeeper.diagnostics.ShareAudience;
import dev.watchkeeper.diagnostics.ShareId;
import dev.watchkeeper.diagnostics.ShareState;
import dev.watchkeeper.diagnostics.internal.ShareRepository.ShareRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The state of shares in the database and the events that record each change, published
 * inside the same transaction so that an audit failure undoes the change ("audit fails
 * closed"). Streams of ciphertext never pass through here: the caller streams after the
 * transaction has committed.
 */
@Component
class ShareLedger {

	static final Duration NONCE_LIFETIME = Duration.ofMinutes(2);

	private final ShareRepository repository;

	private final DiagnosticsProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ShareLedger(ShareRepository repository, DiagnosticsProperties properties, ApplicationEventPublisher events,
			Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** What the client asks for when creating a share. */
	record NewShare(Duration ttl, int views, @Nullable Long declaredSize, byte[] linkVerifier,
			byte @Nullable [] passphraseVerifier, byte @Nullable [] passphraseSalt, String createdBy, String via,
			String incidentId, ShareAudience audience) {
	}

	/**
	 * A created share: the client encrypts with {@code serverKey} and uploads with
	 * {@code uploadToken}.
	 */
	record CreatedShare(ShareId id, byte[] serverKey, String uploadToken, Instant expiresAt, int views) {
	}

	/**
	 * Who asks: a Slack user id and name when signed in with Slack, else
	 * {@code anonymous}.
	 *
	 * @param remoteAddress audited only as an HMAC
	 */
	record Requester(String actor, String actorName, String client, String remoteAddress) {

		static Requester of(java.util.Optional<Viewer> viewer, String client, String remoteAddress) {
			return viewer.map(v -> new Requester(v.userId(), v.name(), client, remoteAddress))
				.orElseGet(() -> new Requester("anonymous", "", client, remoteAddress));
		}
	}

	/** What a holder of the key may see before revealing. */
	record ShareStatus(int viewsLeft, int maxViews, Instant expiresAt, boolean passphrase,
			byte @Nullable [] passphraseSalt, long size, int passphraseAttemptsLeft, ShareAudience audience,
			String createdBy) {
	}

	/** The answer to a reveal. */
	sealed interface RevealOutcome {

		/** One view was used; stream the ciphertext and hand over the server half. */
		record Revealed(byte[] serverKey, String leaseToken, Instant leaseExpiresAt, int viewsLeft,
				long size) implements RevealOutcome {
		}

		/**
		 * Nothing was consumed (unless the passphrase attempts are exhausted).
		 *
		 * @param keyProven the requester proved the link key, so may be told about the
		 * passphrase
		 */
		record Refused(Reason reason, boolean keyProven, int passphraseAttemptsLeft) implements RevealOutcome {
		}

	}

	@Transactional
	CreatedShare create(NewShare request) {
		DiagnosticsProperties.checkTtl(request.ttl());
		DiagnosticsProperties.checkViews(request.views());
		long max = ShareHeader.ciphertextLimit(properties.maxSize().toBytes());
		if (request.declaredSize() != null && request.declaredSize() > max) {
			throw ShareTooLarge.overLimit(properties.maxSize().toBytes());
		}
		long reserve = request.declaredSize() == null ? max : request.declaredSize();
		if (repository.reservedBytes(max) + reserve > properties.maxTotalSize().toBytes()) {
			throw new StorageFull();
		}
		Instant now = clock.instant();
		ShareId id = ShareId.random();
		byte[] serverKey = ShareKeys.randomBytes(ShareKeys.KEY_BYTES);
		String uploadToken = ShareKeys.encode(ShareKeys.randomBytes(32));
		Instant expiresAt = now.plus(request.ttl());
		repository.insert(new ShareRow(id, ShareState.PENDING, now, expiresAt, request.views(), request.views(),
				serverKey, request.linkVerifier(), request.passphraseVerifier(), request.passphraseSalt(), 0,
				hash(uploadToken), false, request.declaredSize(), 0, request.createdBy(), request.via(),
				request.incidentId(), null, request.audience()));
		return new CreatedShare(id, serverKey, uploadToken, expiresAt, request.views());
	}

	/** The share when {@code uploadToken} may upload to it now (pending, not expired). */
	@Transactional(readOnly = true)
	Optional<ShareRow> uploadable(ShareId id, String uploadToken) {
		Instant now = clock.instant();
		return repository.find(id)
			.filter(s -> s.state() == ShareState.PENDING && !s.expiredAt(now) && s.uploadTokenHash() != null)
			.filter(s -> MessageDigest.isEqual(s.uploadTokenHash().getBytes(StandardCharsets.US_ASCII),
					hash(uploadToken).getBytes(StandardCharsets.US_ASCII)));
	}

	boolean claimUpload(ShareId id, long offset) {
		return repository.claimUpload(id, offset, clock.instant());
	}

	void releaseUpload(ShareId id) {
		repository.releaseUpload(id);
	}

	/**
	 * Records an upload's end; the complete upload makes the share revealable and is the
	 * "shared" fact.
	 */
	@Transactional
	void finishUpload(ShareRow share, long storedSize, boolean complete) {
		if (!repository.finishUpload(share.id(), storedSize, complete, clock.instant())) {
			throw new IllegalStateException("upload of " + share.id() + " was not claimed");
		}
		if (complete) {
			events.publishEvent(new DiagnosticsShared(UUID.randomUUID(), clock.instant(), share.id(), share.createdBy(),
					share.createdVia(), share.maxViews(), share.expiresAt(), share.passphrase(), storedSize,
					share.incidentId()));
		}
	}

	/**
	 * Ends a share whose upload broke its limits or was abandoned; nothing was shared, so
	 * nothing is audited.
	 * @return false when it had already ended
	 */
	@Transactional
	boolean discard(ShareId id) {
		return repository.end(id, ShareState.REVOKED);
	}

	/**
	 * A nonce for a proof; for ids that are not live shares a random one that is never
	 * stored, so all look alike.
	 */
	@Transactional
	byte[] nonce(String idText) {
		byte[] nonce = ShareKeys.randomBytes(32);
		if (ShareId.isWellFormed(idText)) {
			ShareId id = new ShareId(idText);
			Instant now = clock.instant();
			Optional<ShareRow> share = repository.find(id);
			if (share.isPresent() && share.get().state() == ShareState.READY && !share.get().expiredAt(now)) {
				repository.insertNonce(ShareKeys.encode(nonce), id, now.plus(NONCE_LIFETIME));
			}
		}
		return nonce;
	}

	/**
	 * The status, for a holder of the key only; empty looks the same for unknown, ended
	 * and unproven.
	 */
	@Transactional
	Optional<ShareStatus> status(ShareId id, byte[] nonce, byte[] proof) {
		Instant now = clock.instant();
		Optional<ShareRow> found = repository.find(id);
		if (found.isEmpty() || !repository.consumeNonce(ShareKeys.encode(nonce), id, now)) {
			return Optional.empty();
		}
		ShareRow share = found.get();
		if (!ShareKeys.proofMatches(share.linkVerifier(), "status", id.value(), nonce, proof)
				|| share.state() != ShareState.READY || share.expiredAt(now)) {
			return Optional.empty();
		}
		return Optional.of(new ShareStatus(share.viewsLeft(), share.maxViews(), share.expiresAt(), share.passphrase(),
				share.passphraseSalt(), share.storedSize(),
				properties.passphraseAttempts() - share.passphraseFailures(), share.audience(), share.createdBy()));
	}

	/**
	 * The only consuming operation: checks the nonce, the key proof, the requester's
	 * access (decided before, since it may ask Slack) and the passphrase proof, then
	 * takes one view by compare-and-set. Refusals consume nothing but the nonce. The
	 * audience comes before the passphrase, so people outside it cannot use up passphrase
	 * attempts.
	 */
	@Transactional
	RevealOutcome reveal(ShareId id, byte[] nonce, byte[] proof, byte @Nullable [] passphraseProof, Requester requester,
			Access access) {
		Instant now = clock.instant();
		Optional<ShareRow> found = repository.find(id);
		if (found.isEmpty()) {
			return new RevealOutcome.Refused(Reason.NO_VIEWS_LEFT, false, 0);
		}
		ShareRow share = found.get();
		if (!repository.consumeNonce(ShareKeys.encode(nonce), id, now)) {
			return refuse(share, Reason.INVALID_NONCE, false, requester);
		}
		if (!ShareKeys.proofMatches(share.linkVerifier(), "reveal", id.value(), nonce, proof)) {
			return refuse(share, Reason.WRONG_KEY, false, requester);
		}
		Reason ended = endedReason(share, now);
		if (ended != null) {
			return refuse(share, ended, true, requester);
		}
		if (!access.permits()) {
			return refuse(share, access.refusal(), true, requester);
		}
		if (share.passphrase() && (passphraseProof == null
				|| !ShareKeys.proofMatches(share.passphraseVerifier(), "reveal", id.value(), nonce, passphraseProof))) {
			return wrongPassphrase(share, requester);
		}
		Instant leaseUntil = now.plus(properties.lease());
		if (!repository.consumeView(id, now, leaseUntil)) {
			ShareRow current = repository.find(id).orElse(share);
			Reason reason = endedReason(current, now);
			return refuse(current, reason == null ? Reason.NO_VIEWS_LEFT : reason, true, requester);
		}
		int viewsLeft = repository.viewsLeft(id);
		String leaseToken = ShareKeys.encode(ShareKeys.randomBytes(32));
		repository.insertLease(hash(leaseToken), id, leaseUntil);
		events.publishEvent(new DiagnosticsRevealed(UUID.randomUUID(), now, id, requester.actor(),
				requester.actorName(), requester.client(), viewsLeft, requester.remoteAddress(), share.incidentId()));
		return new RevealOutcome.Revealed(share.serverKey(), leaseToken, leaseUntil, viewsLeft, share.storedSize());
	}

	private RevealOutcome wrongPassphrase(ShareRow share, Requester requester) {
		int failures = repository.recordPassphraseFailure(share.id());
		int left = properties.passphraseAttempts() - failures;
		if (left > 0) {
			return refuse(share, Reason.WRONG_PASSPHRASE, true, requester, left);
		}
		repository.end(share.id(), ShareState.REVOKED);
		return refuse(share, Reason.PASSPHRASE_ATTEMPTS_EXHAUSTED, true, requester, 0);
	}

	private @Nullable Reason endedReason(ShareRow share, Instant now) {
		return switch (share.state()) {
			case PENDING -> Reason.NOT_READY;
			case BURNED -> Reason.NO_VIEWS_LEFT;
			case REVOKED -> Reason.REVOKED;
			case EXPIRED -> Reason.EXPIRED;
			case READY -> share.expiredAt(now) ? Reason.EXPIRED : share.viewsLeft() <= 0 ? Reason.NO_VIEWS_LEFT : null;
		};
	}

	private RevealOutcome refuse(ShareRow share, Reason reason, boolean keyProven, Requester requester) {
		return refuse(share, reason, keyProven, requester, 0);
	}

	private RevealOutcome refuse(ShareRow share, Reason reason, boolean keyProven, Requester requester,
			int attemptsLeft) {
		events.publishEvent(new DiagnosticsRevealRefused(UUID.randomUUID(), clock.instant(), share.id(),
				requester.actor(), requester.actorName(), requester.client(), reason, Math.max(0, share.viewsLeft()),
				requester.remoteAddress(), share.incidentId()));
		return new RevealOutcome.Refused(reason, keyProven, attemptsLeft);
	}

	/**
	 * True when {@code leaseToken} was handed out by a reveal of this share and has not
	 * expired.
	 */
	@Transactional(readOnly = true)
	boolean leaseValid(ShareId id, String leaseToken) {
		return repository.leaseValid(hash(leaseToken), id, clock.instant());
	}

	/** Revocation by a holder of the link (proof with purpose {@code revoke}). */
	@Transactional
	boolean revokeWithProof(ShareId id, byte[] nonce, byte[] proof) {
		Optional<ShareRow> found = repository.find(id);
		if (found.isEmpty() || !repository.consumeNonce(ShareKeys.encode(nonce), id, clock.instant())
				|| !ShareKeys.proofMatches(found.get().linkVerifier(), "revoke", id.value(), nonce, proof)) {
			return false;
		}
		return revoke(found.get(), "anonymous", "link");
	}

	/**
	 * Revocation by a Slack user the caller has checked (creator or incident commander).
	 */
	@Transactional
	boolean revoke(ShareId id, String actor) {
		return repository.find(id).map(share -> revoke(share, actor, "slack")).orElse(false);
	}

	private boolean revoke(ShareRow share, String actor, String via) {
		if (!repository.end(share.id(), ShareState.REVOKED)) {
			return false;
		}
		repository.deleteLeases(share.id());
		events.publishEvent(new DiagnosticsRevoked(UUID.randomUUID(), clock.instant(), share.id(), actor, via,
				share.viewsLeft(), share.incidentId()));
		return true;
	}

	/**
	 * Ends one live share that reached its expiry; false when another replica got there
	 * first.
	 */
	@Transactional
	boolean expire(ShareId id) {
		Optional<ShareRow> share = repository.find(id);
		if (share.isEmpty() || !share.get().expiredAt(clock.instant()) || !repository.end(id, ShareState.EXPIRED)) {
			return false;
		}
		events.publishEvent(new DiagnosticsExpired(UUID.randomUUID(), clock.instant(), id, share.get().viewsLeft(),
				share.get().state() == ShareState.READY, share.get().incidentId()));
		return true;
	}

	@Transactional(readOnly = true)
	Optional<ShareRow> find(ShareId id) {
		return repository.find(id);
	}

	static String hash(String token) {
		return ShareKeys.encode(ShareKeys.sha256(token.getBytes(StandardCharsets.US_ASCII)));
	}

}
