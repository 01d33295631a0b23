package dev.watchkeeper.audit;

/**
 * The answer of {@link AuditTrail#verify}: the whole chain is intact, or where it first
 * breaks and why.
 */
public sealed interface Verification permits Verification.Intact, Verification.Broken {

	boolean intact();

	/**
	 * Every entry links to its predecessor, hashes to its stored hash and carries a valid
	 * HMAC, and the last one is the recorded chain head.
	 *
	 * @param entries how many entries were checked
	 * @param headSequence sequence number of the newest entry (0 when empty)
	 * @param headHash hash of the newest entry
	 */
	record Intact(long entries, long headSequence, String headHash) implements Verification {

		@Override
		public boolean intact() {
			return true;
		}
	}

	/**
	 * The first entry that fails verification.
	 *
	 * @param sequence sequence number of the first broken (or missing) entry
	 * @param problem what is wrong with it
	 * @param explanation one sentence for a human
	 * @param verifiedEntries how many entries before it verified
	 */
	record Broken(long sequence, Problem problem, String explanation, long verifiedEntries) implements Verification {

		@Override
		public boolean intact() {
			return false;
		}
	}

	/** Why an entry fails verification. */
	enum Problem {

		/** Its content no longer hashes to its stored hash. */
		MODIFIED,

		/**
		 * It is missing: a gap in the sequence, a renumbered chain, or entries cut off
		 * the end.
		 */
		DELETED,

		/**
		 * It was added outside the chain: it competes with the true successor of its
		 * predecessor.
		 */
		INSERTED,

		/** It is out of place: its predecessor is stored after it. */
		REORDERED,

		/**
		 * Its HMAC does not match: rewritten by someone without the key, or sealed with
		 * another key.
		 */
		BAD_HMAC,

		/** No HMAC key is configured, so the entries cannot be authenticated. */
		MISSING_KEY

	}

}
