package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.ChainHead;
import dev.watchkeeper.audit.Verification;
import dev.watchkeeper.audit.Verification.Broken;
import dev.watchkeeper.audit.Verification.Intact;
import dev.watchkeeper.audit.Verification.Problem;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Walks the chain in sequence order, one entry at a time (so a million entries need no
 * memory), and names the first entry that breaks it. For each position {@code p} with
 * predecessor hash {@code H}:
 * <ol>
 * <li>a sequence number above {@code p}: entry {@code p} was deleted;</li>
 * <li>{@code prevHash != H}: reordered when its own predecessor is stored later, inserted
 * when the true successor of {@code p-1} is stored later, modified when its content no
 * longer hashes to its hash, else deleted (the chain was renumbered over a removed
 * entry);</li>
 * <li>content not hashing to its stored hash: modified;</li>
 * <li>HMAC mismatch: inserted when the next entry also claims {@code H} (a forged entry
 * pushed in front of the true one), otherwise a bad HMAC, naming the other key when the
 * key id differs;</li>
 * <li>after the last entry, the recorded chain head must be that entry: otherwise entries
 * were cut off the end or added beyond it.</li>
 * </ol>
 * Without a key every hash is still checked, and an intact chain is reported as
 * unauthenticated.
 */
final class ChainVerifier {

	/** Finds entries out of place; used only once a break is found. */
	interface Lookups {

		Optional<Long> laterEntryWithHash(String hash, long sequence);

		Optional<Long> laterEntryWithPrevHash(String prevHash, long sequence);

	}

	private final @Nullable AuditKey key;

	private final Lookups lookups;

	private long expected = 1;

	private String previousHash = ChainSealing.GENESIS;

	private @Nullable StoredEntry pending;

	private @Nullable Broken broken;

	ChainVerifier(@Nullable AuditKey key, Lookups lookups) {
		this.key = key;
		this.lookups = lookups;
	}

	/**
	 * Feeds the next stored entry (in sequence order). Each entry is judged when its
	 * successor arrives, because telling an insertion from a bad seal needs one entry of
	 * look-ahead.
	 * @return false once the chain is known broken (stop feeding)
	 */
	boolean accept(StoredEntry entry) {
		if (broken != null) {
			return false;
		}
		if (pending != null) {
			judge(pending, entry);
		}
		pending = entry;
		return broken == null;
	}

	/**
	 * The verdict once every entry has been fed, checked against the recorded chain head.
	 */
	Verification finish(ChainHead head) {
		if (broken == null && pending != null) {
			judge(pending, null);
		}
		if (broken != null) {
			return broken;
		}
		long last = expected - 1;
		if (head.sequence() > last) {
			return new Broken(last + 1, Problem.DELETED, "entries " + (last + 1) + " to " + head.sequence()
					+ " are missing: the chain head records " + head.sequence() + " entries", last);
		}
		if (head.sequence() < last) {
			return new Broken(
					head.sequence() + 1, Problem.INSERTED, "entries after " + head.sequence()
							+ " were added outside the chain: the chain head records " + head.sequence() + " entries",
					head.sequence());
		}
		if (!head.hash().equals(previousHash)) {
			return new Broken(last, Problem.MODIFIED,
					"entry " + last + " is not the one the chain head recorded (hash differs)", last - 1);
		}
		if (key == null && last > 0) {
			return new Broken(1, Problem.MISSING_KEY, "no HMAC key is configured (WATCHKEEPER_AUDIT_HMAC_KEY): the "
					+ last + " entries hash correctly but cannot be authenticated", 0);
		}
		return new Intact(last, last, previousHash);
	}

	private void judge(StoredEntry entry, @Nullable StoredEntry next) {
		long p = expected;
		long verified = p - 1;
		if (entry.sequence() < p) {
			broken = new Broken(p, Problem.INSERTED,
					"an entry numbered " + entry.sequence() + " was added outside the chain, which starts at 1",
					verified);
			return;
		}
		if (entry.sequence() != p) {
			broken = new Broken(p, Problem.DELETED,
					"entry " + p + " is missing (the next stored entry is " + entry.sequence() + ")", verified);
			return;
		}
		boolean contentMatches = ChainSealing.hash(entry).equals(entry.hash());
		if (!entry.prevHash().equals(previousHash)) {
			if (lookups.laterEntryWithHash(entry.prevHash(), p).isPresent()) {
				broken = new Broken(p, Problem.REORDERED,
						"entry " + p + " is out of order: the entry it follows is stored after it", verified);
			}
			else if (lookups.laterEntryWithPrevHash(previousHash, p).isPresent()) {
				broken = new Broken(p, Problem.INSERTED, "entry " + p + " was inserted: it does not follow entry "
						+ (p - 1) + ", whose true successor is stored later", verified);
			}
			else if (!contentMatches) {
				broken = new Broken(p, Problem.MODIFIED, "entry " + p + " was modified: its stored link to entry "
						+ (p - 1) + " and its hash do not match its content", verified);
			}
			else {
				broken = new Broken(p, Problem.DELETED, "the entry after " + (p - 1) + " is missing: entry " + p
						+ " links to an entry that is no longer in the chain", verified);
			}
			return;
		}
		if (!contentMatches) {
			broken = new Broken(p, Problem.MODIFIED,
					"entry " + p + " was modified: its content no longer matches its hash", verified);
			return;
		}
		if (key != null && !key.sealMatches(entry.hash(), entry.hmac())) {
			if (next != null && next.prevHash().equals(previousHash)) {
				broken = new Broken(p, Problem.INSERTED, "entry " + p
						+ " was inserted: it carries no valid HMAC and the next entry is the true successor of entry "
						+ (p - 1), verified);
			}
			else if (!key.id().equals(entry.keyId())) {
				broken = new Broken(p, Problem.BAD_HMAC, "entry " + p + " was sealed with another key (key id "
						+ entry.keyId() + ", the configured key is " + key.id() + ")", verified);
			}
			else {
				broken = new Broken(p, Problem.BAD_HMAC,
						"entry " + p + " has a bad HMAC: rewritten by someone without the audit key", verified);
			}
			return;
		}
		expected = p + 1;
		previousHash = entry.hash();
	}

}
