package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.ShareAudience;
import dev.watchkeeper.diagnostics.ShareId;
import dev.watchkeeper.diagnostics.ShareState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Plain SQL over the diagnostics tables. Every state change is a compare-and-set
 * ({@code UPDATE ... WHERE state = ...} and a row count), which is what makes
 * burn-after-reading exact under concurrency and across replicas. Time is always passed
 * in from the application clock, never taken from the database.
 */
@Repository
class ShareRepository {

	private static final String LIVE = "('PENDING', 'READY')";

	private final JdbcClient jdbc;

	ShareRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One row of {@code diagnostics_share}. */
	record ShareRow(ShareId id, ShareState state, Instant createdAt, Instant expiresAt, int maxViews, int viewsLeft,
			byte @Nullable [] serverKey, byte[] linkVerifier, byte @Nullable [] passphraseVerifier,
			byte @Nullable [] passphraseSalt, int passphraseFailures, @Nullable String uploadTokenHash,
			boolean uploading, @Nullable Long declaredSize, long storedSize, String createdBy, String createdVia,
			String incidentId, @Nullable Instant retainUntil, ShareAudience audience) {

		boolean passphrase() {
			return passphraseVerifier != null;
		}

		boolean expiredAt(Instant now) {
			return !expiresAt.isAfter(now);
		}
	}

	void insert(ShareRow share) {
		jdbc.sql("""
				INSERT INTO diagnostics_share (id, state, created_at, expires_at, max_views, views_left, server_key,
				  link_verifier, passphrase_verifier, passphrase_salt, upload_token_hash, declared_size, created_by,
				  created_via, incident_id, audience_channel, audience_users)
				VALUES (:id, :state, :createdAt, :expiresAt, :maxViews, :viewsLeft, :serverKey, :linkVerifier,
				  :passphraseVerifier, :passphraseSalt, :uploadTokenHash, :declaredSize, :createdBy, :createdVia,
				  :incidentId, :audienceChannel, :audienceUsers)
				""")
			.param("id", share.id().value())
			.param("state", share.state().name())
			.param("createdAt", time(share.createdAt()))
			.param("expiresAt", time(share.expiresAt()))
			.param("maxViews", share.maxViews())
			.param("viewsLeft", share.viewsLeft())
			.param("serverKey", share.serverKey())
			.param("linkVerifier", share.linkVerifier())
			.param("passphraseVerifier", share.passphraseVerifier())
			.param("passphraseSalt", share.passphraseSalt())
			.param("uploadTokenHash", share.uploadTokenHash())
			.param("declaredSize", share.declaredSize())
			.param("createdBy", share.createdBy())
			.param("createdVia", share.createdVia())
			.param("incidentId", share.incidentId().isEmpty() ? null : share.incidentId())
			.param("audienceChannel", share.audience().channel())
			.param("audienceUsers", share.audience().users().isEmpty() ? null : share.audience().usersText())
			.update();
	}

	Optional<ShareRow> find(ShareId id) {
		return jdbc.sql("SELECT * FROM diagnostics_share WHERE id = ?").param(id.value()).query(this::row).optional();
	}

	/**
	 * Claims the upload at {@code offset}: false when another upload runs or the offset
	 * is not where it ended.
	 */
	boolean claimUpload(ShareId id, long offset, Instant now) {
		return jdbc.sql("""
				UPDATE diagnostics_share SET uploading = TRUE, upload_touched_at = ?
				WHERE id = ? AND state = 'PENDING' AND uploading = FALSE AND stored_size = ?
				""").params(time(now), id.value(), offset).update() == 1;
	}

	void releaseUpload(ShareId id) {
		jdbc.sql("UPDATE diagnostics_share SET uploading = FALSE WHERE id = ?").param(id.value()).update();
	}

	/**
	 * Records the stored size; when {@code complete}, the share becomes READY and its
	 * upload token is dropped.
	 */
	boolean finishUpload(ShareId id, long storedSize, boolean complete, Instant now) {
		return jdbc.sql("""
				UPDATE diagnostics_share SET uploading = FALSE, stored_size = :size, upload_touched_at = :now,
				  state = CASE WHEN :complete THEN 'READY' ELSE state END,
				  upload_token_hash = CASE WHEN :complete THEN NULL ELSE upload_token_hash END
				WHERE id = :id AND state = 'PENDING' AND uploading = TRUE
				""")
			.param("size", storedSize)
			.param("now", time(now))
			.param("complete", complete)
			.param("id", id.value())
			.update() == 1;
	}

	/**
	 * The one consuming statement: takes a view if one is left. The last view burns the
	 * share and deletes the server half in the same statement; the ciphertext is kept
	 * until {@code retainUntil} so the lease can resume.
	 */
	boolean consumeView(ShareId id, Instant now, Instant retainUntil) {
		return jdbc.sql("""
				UPDATE diagnostics_share SET views_left = views_left - 1,
				  state = CASE WHEN views_left = 1 THEN 'BURNED' ELSE state END,
				  server_key = CASE WHEN views_left = 1 THEN NULL ELSE server_key END,
				  retain_until = CASE WHEN retain_until IS NULL OR retain_until < :retainUntil THEN :retainUntil
				    ELSE retain_until END
				WHERE id = :id AND state = 'READY' AND views_left > 0 AND expires_at > :now
				""")
			.param("retainUntil", time(retainUntil))
			.param("id", id.value())
			.param("now", time(now))
			.update() == 1;
	}

	int viewsLeft(ShareId id) {
		return jdbc.sql("SELECT views_left FROM diagnostics_share WHERE id = ?")
			.param(id.value())
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/** Counts a wrong passphrase; returns the failures so far. */
	int recordPassphraseFailure(ShareId id) {
		jdbc.sql("UPDATE diagnostics_share SET passphrase_failures = passphrase_failures + 1 WHERE id = ?")
			.param(id.value())
			.update();
		return jdbc.sql("SELECT passphrase_failures FROM diagnostics_share WHERE id = ?")
			.param(id.value())
			.query(Integer.class)
			.single();
	}

	/**
	 * Ends a live share (revoked or expired): deletes the server half and forgets any
	 * lease. False when it was no longer live, so two replicas never both report the same
	 * end.
	 */
	boolean end(ShareId id, ShareState newState) {
		int changed = jdbc
			.sql("UPDATE diagnostics_share SET state = ?, server_key = NULL, upload_token_hash = NULL, "
					+ "retain_until = NULL WHERE id = ? AND state IN " + LIVE)
			.params(newState.name(), id.value())
			.update();
		return changed == 1;
	}

	/** Kills the leases of a share (revocation stops resumptions too). */
	void deleteLeases(ShareId id) {
		jdbc.sql("DELETE FROM diagnostics_lease WHERE share_id = ?").param(id.value()).update();
	}

	List<ShareId> liveSharesExpiredAt(Instant now) {
		return jdbc.sql("SELECT id FROM diagnostics_share WHERE state IN " + LIVE + " AND expires_at <= ?")
			.param(time(now))
			.query((rs, row) -> new ShareId(rs.getString(1)))
			.list();
	}

	/**
	 * Shares still waiting for their upload with no upload started or ended since
	 * {@code cutoff}.
	 */
	List<ShareId> abandonedUploads(Instant cutoff) {
		return jdbc.sql(
				"SELECT id FROM diagnostics_share WHERE state = 'PENDING' AND COALESCE(upload_touched_at, created_at) <= ?")
			.param(time(cutoff))
			.query((rs, row) -> new ShareId(rs.getString(1)))
			.list();
	}

	/** Ended shares whose ciphertext no lease needs any more. */
	List<ShareId> endedSharesToDelete(Instant now) {
		return jdbc
			.sql("SELECT id FROM diagnostics_share WHERE state NOT IN " + LIVE
					+ " AND (retain_until IS NULL OR retain_until <= ?)")
			.param(time(now))
			.query((rs, row) -> new ShareId(rs.getString(1)))
			.list();
	}

	void delete(ShareId id) {
		jdbc.sql("DELETE FROM diagnostics_nonce WHERE share_id = ?").param(id.value()).update();
		jdbc.sql("DELETE FROM diagnostics_lease WHERE share_id = ?").param(id.value()).update();
		jdbc.sql("DELETE FROM diagnostics_share WHERE id = ?").param(id.value()).update();
	}

	/**
	 * Bytes reserved by live shares: the declared size, or the limit when the size was
	 * not declared.
	 */
	long reservedBytes(long sizeWhenUndeclared) {
		return jdbc.sql(
				"SELECT COALESCE(SUM(CASE WHEN state = 'READY' THEN stored_size ELSE COALESCE(declared_size, ?) END), 0) "
						+ "FROM diagnostics_share WHERE state IN " + LIVE)
			.param(sizeWhenUndeclared)
			.query(Long.class)
			.single();
	}

	void insertNonce(String nonce, ShareId id, Instant expiresAt) {
		jdbc.sql("INSERT INTO diagnostics_nonce (nonce, share_id, expires_at) VALUES (?, ?, ?)")
			.params(nonce, id.value(), time(expiresAt))
			.update();
	}

	/** Single use: true for exactly one caller presenting a live nonce of this share. */
	boolean consumeNonce(String nonce, ShareId id, Instant now) {
		return jdbc.sql("DELETE FROM diagnostics_nonce WHERE nonce = ? AND share_id = ? AND expires_at > ?")
			.params(nonce, id.value(), time(now))
			.update() == 1;
	}

	void insertLease(String tokenHash, ShareId id, Instant expiresAt) {
		jdbc.sql("INSERT INTO diagnostics_lease (token_hash, share_id, expires_at) VALUES (?, ?, ?)")
			.params(tokenHash, id.value(), time(expiresAt))
			.update();
	}

	boolean leaseValid(String tokenHash, ShareId id, Instant now) {
		return jdbc
			.sql("SELECT COUNT(*) FROM diagnostics_lease WHERE token_hash = ? AND share_id = ? AND expires_at > ?")
			.params(tokenHash, id.value(), time(now))
			.query(Long.class)
			.single() == 1;
	}

	int deleteStaleNoncesAndLeases(Instant now) {
		return jdbc.sql("DELETE FROM diagnostics_nonce WHERE expires_at <= ?").param(time(now)).update()
				+ jdbc.sql("DELETE FROM diagnostics_lease WHERE expires_at <= ?").param(time(now)).update();
	}

	private ShareRow row(ResultSet rs, int row) throws SQLException {
		long declared = rs.getLong("declared_size");
		Long declaredSize = rs.wasNull() ? null : declared;
		String incident = rs.getString("incident_id");
		return new ShareRow(new ShareId(rs.getString("id")), ShareState.valueOf(rs.getString("state")),
				instant(rs, "created_at"), instant(rs, "expires_at"), rs.getInt("max_views"), rs.getInt("views_left"),
				rs.getBytes("server_key"), rs.getBytes("link_verifier"), rs.getBytes("passphrase_verifier"),
				rs.getBytes("passphrase_salt"), rs.getInt("passphrase_failures"), rs.getString("upload_token_hash"),
				rs.getBoolean("uploading"), declaredSize, rs.getLong("stored_size"), rs.getString("created_by"),
				rs.getString("created_via"), incident == null ? "" : incident, instant(rs, "retain_until"),
				ShareAudience.of(rs.getString("audience_channel"), rs.getString("audience_users")));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
