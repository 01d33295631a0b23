package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import dev.watchkeeper.diagnostics.DiagnosticsRevealRefused.Reason;
import dev.watchkeeper.diagnostics.ShareAudience;
import dev.watchkeeper.diagnostics.ShareId;
import dev.watchkeeper.diagnostics.ShareLink;
import dev.watchkeeper.diagnostics.ShareSummary;
import dev.watchkeeper.diagnostics.internal.ShareLedger.CreatedShare;
import dev.watchkeeper.diagnostics.internal.ShareLedger.NewShare;
import dev.watchkeeper.diagnostics.internal.ShareLedger.RevealOutcome;
import dev.watchkeeper.diagnostics.internal.ShareLedger.Requester;
import dev.watchkeeper.diagnostics.internal.ShareLedger.ShareStatus;
import dev.watchkeeper.diagnostics.internal.ShareRepository.ShareRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The diagnostics use cases over the ledger (state, events) and the store (ciphertext):
 * create, upload, prove, reveal, resume, revoke, purge, and the server-side sealing of
 * text pasted into Slack.
 */
@Component
public class Shares {

	/**
	 * A share whose upload neither started nor ended for this long is abandoned (a
	 * crashed client): the purge discards it, so it stops reserving storage. Far longer
	 * than any upload within the size limit takes.
	 */
	static final Duration ABANDONED_UPLOAD = Duration.ofHours(1);

	/**
	 * The smallest complete ciphertext: header, one chunk tag, and the 4-byte metadata
	 * length.
	 */
	static final long MIN_CIPHERTEXT = ShareHeader.LENGTH + ChunkCipher.TAG_BYTES + 4;

	private static final Logger log = LoggerFactory.getLogger(Shares.class);

	private final ShareLedger ledger;

	private final ShareRepository repository;

	private final CiphertextStore store;

	private final DiagnosticsProperties properties;

	private final Clock clock;

	private final String publicUrl;

	private final AudienceCheck audience;

	Shares(ShareLedger ledger, ShareRepository repository, CiphertextStore store, DiagnosticsProperties properties,
			Clock clock, @Value("${watchkeeper.public-url:http://localhost:8080}") String publicUrl,
			AudienceCheck audience) {
		this.ledger = ledger;
		this.audience = audience;
		this.repository = repository;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	CreatedShare create(NewShare request) {
		return ledger.create(request);
	}

	/** The result of one upload request. */
	record Uploaded(long stored, boolean complete) {
	}

	/**
	 * Streams one part of a share's ciphertext to the store. The first part must start
	 * with the header, which is checked against the share so that a client cannot store
	 * something the recipients could never open.
	 */
	Uploaded upload(String idText, String uploadToken, long offset, boolean complete, InputStream body,
			long contentLength) throws IOException {
		if (!ShareId.isWellFormed(idText)) {
			throw new ShareNotAvailable();
		}
		ShareRow share = ledger.uploadable(new ShareId(idText), uploadToken).orElseThrow(ShareNotAvailable::new);
		long limit = share.declaredSize() != null ? share.declaredSize()
				: ShareHeader.ciphertextLimit(properties.maxSize().toBytes());
		if (contentLength >= 0 && offset + contentLength > limit) {
			tooLarge(share);
		}
		if (!ledger.claimUpload(share.id(), offset)) {
			throw new UploadOffsetMismatch(share.storedSize());
		}
		boolean released = false;
		try {
			InputStream ciphertext = offset == 0 ? checkedHeader(share, body) : body;
			long stored;
			try {
				stored = store.write(share.id(), offset, ciphertext, limit);
			}
			catch (ShareTooLarge ex) {
				tooLarge(share);
				throw ex;
			}
			if (complete) {
				checkComplete(share, stored);
			}
			ledger.finishUpload(share, stored, complete);
			released = true;
			return new Uploaded(stored, complete);
		}
		finally {
			if (!released) {
				ledger.releaseUpload(share.id());
			}
		}
	}

	private void tooLarge(ShareRow share) {
		ledger.discard(share.id());
		deleteQuietly(share.id());
		throw share.declaredSize() != null
				? new ShareTooLarge("the upload is larger than the " + share.declaredSize() + " bytes declared")
				: ShareTooLarge.overLimit(properties.maxSize().toBytes());
	}

	private static InputStream checkedHeader(ShareRow share, InputStream body) throws IOException {
		byte[] head = body.readNBytes(ShareHeader.LENGTH);
		ShareHeader header;
		try {
			header = ShareHeader.parse(head);
		}
		catch (CiphertextRejected ex) {
			throw new IllegalArgumentException("the first part must start with a valid header: " + ex.getMessage());
		}
		if (header.passphrase() != share.passphrase()) {
			throw new IllegalArgumentException("the header's passphrase flag does not match the share");
		}
		if (header.passphrase() && !Arrays.equals(header.passphraseSalt(), share.passphraseSalt())) {
			throw new IllegalArgumentException("the header's passphrase salt does not match the share");
		}
		return new SequenceInputStream(new ByteArrayInputStream(head), body);
	}

	private static void checkComplete(ShareRow share, long stored) {
		if (share.declaredSize() != null && stored != share.declaredSize()) {
			throw new IllegalArgumentException(
					"the upload ended at " + stored + " bytes but " + share.declaredSize() + " were declared");
		}
		if (stored < MIN_CIPHERTEXT) {
			throw new IllegalArgumentException("the upload is too short to be a ciphertext");
		}
	}

	byte[] nonce(String idText) {
		return ledger.nonce(idText);
	}

	/**
	 * A share's status for a holder of its key, and whether the person asking may reveal
	 * it.
	 */
	record Status(ShareStatus share, Access access) {
	}

	Optional<Status> status(String idText, byte[] nonce, byte[] proof, Optional<Viewer> viewer) {
		if (!ShareId.isWellFormed(idText)) {
			return Optional.empty();
		}
		// the audience is looked up only after the proof held: without the key, nobody
		// learns or triggers anything
		return ledger.status(new ShareId(idText), nonce, proof)
			.map(share -> new Status(share, audience.decide(share.audience(), share.createdBy(), viewer)));
	}

	RevealOutcome reveal(String idText, byte[] nonce, byte[] proof, byte @Nullable [] passphraseProof,
			Optional<Viewer> viewer, String client, String remoteAddress) {
		if (!ShareId.isWellFormed(idText)) {
			return new RevealOutcome.Refused(Reason.NO_VIEWS_LEFT, false, 0);
		}
		ShareId id = new ShareId(idText);
		RevealOutcome outcome = ledger.reveal(id, nonce, proof, passphraseProof,
				Requester.of(viewer, client, remoteAddress), accessFor(id, nonce, proof, viewer));
		if (outcome instanceof RevealOutcome.Refused refused
				&& refused.reason() == Reason.PASSPHRASE_ATTEMPTS_EXHAUSTED) {
			deleteQuietly(id);
		}
		return outcome;
	}

	/**
	 * The requester's access, decided before the consuming transaction because it may ask
	 * Slack. Without Sign in with Slack there is nothing to look up. Otherwise only for a
	 * proof that holds, so a request without the key never reaches Slack (the ledger
	 * checks nonce and proof again, atomically).
	 */
	private Access accessFor(ShareId id, byte[] nonce, byte[] proof, Optional<Viewer> viewer) {
		if (!audience.signInConfigured()) {
			return Access.LINK_HOLDER;
		}
		return ledger.find(id)
			.filter(share -> ShareKeys.proofMatches(share.linkVerifier(), "reveal", id.value(), nonce, proof))
			.map(share -> audience.decide(share.audience(), share.createdBy(), viewer))
			.orElse(Access.SIGN_IN_REQUIRED);
	}

	/** Ciphertext being handed out under a lease. */
	record Leased(InputStream stream, long totalSize) {
	}

	/**
	 * The ciphertext from {@code offset} on, for a reveal that just succeeded or holds a
	 * valid lease.
	 */
	Optional<Leased> ciphertext(String idText, @Nullable String leaseToken, long offset) throws IOException {
		if (!ShareId.isWellFormed(idText) || leaseToken == null) {
			return Optional.empty();
		}
		ShareId id = new ShareId(idText);
		Optional<ShareRow> share = ledger.find(id);
		if (share.isEmpty() || !ledger.leaseValid(id, leaseToken) || offset > share.get().storedSize()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new Leased(store.read(id, offset), share.get().storedSize()));
		}
		catch (java.nio.file.NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	boolean revokeWithProof(String idText, byte[] nonce, byte[] proof) {
		if (!ShareId.isWellFormed(idText)) {
			return false;
		}
		ShareId id = new ShareId(idText);
		boolean revoked = ledger.revokeWithProof(id, nonce, proof);
		if (revoked) {
			deleteQuietly(id);
		}
		return revoked;
	}

	/** Revocation by a Slack user already checked by the caller. */
	public boolean revoke(ShareId id, String actor) {
		boolean revoked = ledger.revoke(id, actor);
		if (revoked) {
			deleteQuietly(id);
		}
		return revoked;
	}

	/**
	 * True when Sign in with Slack is configured, so reveals need a signed-in member of
	 * the audience.
	 */
	public boolean audienceEnforced() {
		return audience.signInConfigured();
	}

	public Optional<ShareSummary> summary(ShareId id) {
		return ledger.find(id)
			.map(s -> new ShareSummary(s.id(), s.state(), s.viewsLeft(), s.maxViews(), s.expiresAt(), s.createdBy(),
					s.incidentId(), s.audience()));
	}

	/**
	 * Encrypts text on the server (the Slack modal) and stores only the ciphertext. The
	 * plaintext bytes and the link key are wiped from memory once used; the key leaves
	 * this method only inside the returned link.
	 */
	public ShareLink shareText(String text, Duration ttl, int views, String createdBy, String incidentId,
			ShareAudience audience) {
		byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
		byte[] linkKey = ShareKeys.randomBytes(ShareKeys.KEY_BYTES);
		byte[] contentKey = null;
		try {
			ShareMetadata metadata = ShareMetadata.text(plaintext.length);
			ShareHeader header = ShareHeader.random(null);
			long size = SealingInputStream.lengthFor(metadata, header.chunkSize());
			CreatedShare created = ledger.create(new NewShare(ttl, views, size, ShareKeys.linkProofKey(linkKey), null,
					null, createdBy, "slack", incidentId, audience));
			contentKey = ShareKeys.contentKey(linkKey, created.serverKey(), null, header.hkdfSalt(),
					created.id().value());
			try (SealingInputStream sealed = new SealingInputStream(header, contentKey, metadata,
					new ByteArrayInputStream(plaintext))) {
				upload(created.id().value(), created.uploadToken(), 0, true, sealed, size);
			}
			URI url = URI.create(publicUrl + "/d/" + created.id().value() + "#" + ShareKeys.encode(linkKey));
			return new ShareLink(created.id(), url, created.expiresAt(), created.views());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not store the share", ex);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
			Arrays.fill(linkKey, (byte) 0);
			if (contentKey != null) {
				Arrays.fill(contentKey, (byte) 0);
			}
		}
	}

	/**
	 * Ends shares that reached their expiry (server half deleted,
	 * {@code DiagnosticsExpired} published) and shares whose upload was abandoned
	 * ({@link #ABANDONED_UPLOAD}), then deletes the ciphertext and rows of ended shares
	 * no lease needs any more, and stale nonces and leases.
	 * @return the number of shares whose ciphertext and row were deleted
	 */
	public int purge() {
		Instant now = clock.instant();
		for (ShareId id : repository.liveSharesExpiredAt(now)) {
			ledger.expire(id);
		}
		for (ShareId id : repository.abandonedUploads(now.minus(ABANDONED_UPLOAD))) {
			if (ledger.discard(id)) {
				log.info("discarded share {}: its upload was abandoned", id);
			}
		}
		int deleted = 0;
		for (ShareId id : repository.endedSharesToDelete(now)) {
			if (deleteQuietly(id)) {
				repository.delete(id);
				deleted++;
			}
		}
		repository.deleteStaleNoncesAndLeases(now);
		return deleted;
	}

	private boolean deleteQuietly(ShareId id) {
		try {
			store.delete(id);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			// retried by the next purge; the server half is already gone, so the
			// ciphertext is unreadable anyway
			log.warn("could not delete the ciphertext of share {} yet: {}", id, ex.getMessage());
			return false;
		}
	}

}
