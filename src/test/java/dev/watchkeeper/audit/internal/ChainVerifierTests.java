package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.audit.ChainHead;
import dev.watchkeeper.audit.SampleEvent;
import dev.watchkeeper.audit.Verification;
import dev.watchkeeper.audit.Verification.Broken;
import dev.watchkeeper.audit.Verification.Problem;
import dev.watchkeeper.redaction.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The verifier's classification on chains tampered in memory (the PostgreSQL tests tamper
 * real rows).
 */
class ChainVerifierTests {

	final AuditKey key = AuditKey.of(AuditFixtures.KEY);

	@Test
	void intactChainReportsCountAndHead() {
		List<StoredEntry> chain = chain(5);

		Verification result = verify(chain, head(chain), key);

		assertThat(result).isEqualTo(new Verification.Intact(5, 5, chain.get(4).hash()));
	}

	@Test
	void emptyChainIsIntact() {
		assertThat(verify(List.of(), new ChainHead(0, ChainSealing.GENESIS), key))
			.isEqualTo(new Verification.Intact(0, 0, ChainSealing.GENESIS));
	}

	@Test
	void editedContentIsModified() {
		List<StoredEntry> chain = chain(5);
		StoredEntry third = chain.get(2);
		chain.set(2, copy(third, third.sequence(), "refused", third.prevHash(), third.hash(), third.hmac()));

		assertBroken(verify(chain, head(chain), key), 3, Problem.MODIFIED);
	}

	@Test
	void gapInTheSequenceIsDeleted() {
		List<StoredEntry> chain = chain(5);
		List<StoredEntry> head = List.copyOf(chain);
		chain.remove(2);

		assertBroken(verify(chain, head(head), key), 3, Problem.DELETED);
	}

	@Test
	void entriesCutOffTheEndAreDeleted() {
		List<StoredEntry> chain = chain(5);
		ChainHead recorded = head(chain);

		assertBroken(verify(chain.subList(0, 3), recorded, key), 4, Problem.DELETED);
	}

	@Test
	void swappedEntriesAreReordered() {
		List<StoredEntry> chain = chain(5);
		StoredEntry second = chain.get(1);
		StoredEntry third = chain.get(2);
		chain.set(1, renumbered(third, 2));
		chain.set(2, renumbered(second, 3));

		assertBroken(verify(chain, head(chain(5)), key), 2, Problem.REORDERED);
	}

	@Test
	void forgedEntryWithCorrectHashButNoKeyIsInserted() {
		List<StoredEntry> chain = chain(5);
		StoredEntry forged = forge(3, chain.get(1).hash());
		List<StoredEntry> tampered = new ArrayList<>(chain.subList(0, 2));
		tampered.add(forged);
		chain.subList(2, 5).forEach(e -> tampered.add(renumbered(e, e.sequence() + 1)));

		assertBroken(verify(tampered, head(tampered), key), 3, Problem.INSERTED);
	}

	@Test
	void rewrittenChainWithoutTheKeyHasBadHmac() {
		List<StoredEntry> chain = chain(5);
		List<StoredEntry> rewritten = new ArrayList<>(chain.subList(0, 2));
		String prev = chain.get(1).hash();
		for (StoredEntry e : chain.subList(2, 5)) {
			StoredEntry edited = copy(e, e.sequence(), "refused", prev, "", e.hmac());
			String hash = ChainSealing.hash(edited);
			rewritten.add(copy(edited, e.sequence(), "refused", prev, hash, e.hmac()));
			prev = hash;
		}

		Verification result = verify(rewritten, new ChainHead(5, prev), key);

		assertBroken(result, 3, Problem.BAD_HMAC);
		assertThat(((Broken) result).explanation()).contains("without the audit key");
	}

	@Test
	void entryNumberedBeforeTheStartIsInserted() {
		List<StoredEntry> chain = chain(3);
		chain.add(0, renumbered(forge(0, ChainSealing.GENESIS), 0));

		assertBroken(verify(chain, head(chain), key), 1, Problem.INSERTED);
	}

	@Test
	void wrongKeyIsNamedAsAnotherKey() {
		List<StoredEntry> chain = chain(3);

		Verification result = verify(chain, head(chain), AuditKey.of("another-key-another-key-another-key-0000"));

		assertBroken(result, 1, Problem.BAD_HMAC);
		assertThat(((Broken) result).explanation()).contains("another key");
	}

	@Test
	void missingKeyStillChecksHashesButCannotAuthenticate() {
		List<StoredEntry> chain = chain(3);

		assertBroken(verify(chain, head(chain), null), 1, Problem.MISSING_KEY);
		List<StoredEntry> modified = new ArrayList<>(chain);
		StoredEntry second = chain.get(1);
		modified.set(1, copy(second, 2, "failed", second.prevHash(), second.hash(), second.hmac()));
		assertBroken(verify(modified, head(chain), null), 2, Problem.MODIFIED);
	}

	@Test
	void headThatDiffersFromTheLastEntryIsReported() {
		List<StoredEntry> chain = chain(3);

		assertBroken(verify(chain, new ChainHead(2, chain.get(1).hash()), key), 3, Problem.INSERTED);
		assertBroken(verify(chain, new ChainHead(3, chain.get(1).hash()), key), 3, Problem.MODIFIED);
	}

	private static void assertBroken(Verification result, long sequence, Problem problem) {
		assertThat(result).isInstanceOf(Broken.class);
		Broken broken = (Broken) result;
		assertThat(broken.problem()).as(broken.explanation()).isEqualTo(problem);
		assertThat(broken.sequence()).as(broken.explanation()).isEqualTo(sequence);
	}

	private List<StoredEntry> chain(int length) {
		List<StoredEntry> chain = new ArrayList<>();
		String prev = ChainSealing.GENESIS;
		for (int i = 1; i <= length; i++) {
			EntryDraft draft = EntryDraft.of(SampleEvent.approved("req-" + i), Redactor.standard(), key);
			StoredEntry entry = ChainSealing.seal(draft, i, prev, Instant.parse("2026-12-01T10:00:00Z"), key);
			chain.add(entry);
			prev = entry.hash();
		}
		return chain;
	}

	private StoredEntry forge(long sequence, String prev) {
		EntryDraft draft = EntryDraft.of(SampleEvent.approved("forged"), Redactor.standard(), key);
		StoredEntry sealed = ChainSealing.seal(draft, sequence, prev, Instant.parse("2026-12-01T10:00:00Z"), key);
		// the forger can compute SHA-256 but not the HMAC
		return copy(sealed, sequence, sealed.outcome(), prev, sealed.hash(), "00".repeat(32));
	}

	private static StoredEntry renumbered(StoredEntry e, long sequence) {
		return new StoredEntry(sequence, e.eventId(), e.occurredAt(), e.recordedAt(), e.actor(), e.actorName(),
				e.action(), e.subject(), e.incidentId(), e.outcome(), e.detailsJson(), e.identifiersJson(), e.keyId(),
				e.prevHash(), e.hash(), e.hmac());
	}

	private static StoredEntry copy(StoredEntry e, long sequence, String outcome, String prevHash, String hash,
			String hmac) {
		return new StoredEntry(sequence, e.eventId(), e.occurredAt(), e.recordedAt(), e.actor(), e.actorName(),
				e.action(), e.subject(), e.incidentId(), outcome, e.detailsJson(), e.identifiersJson(), e.keyId(),
				prevHash, hash, hmac);
	}

	private static ChainHead head(List<StoredEntry> chain) {
		StoredEntry last = chain.get(chain.size() - 1);
		return new ChainHead(last.sequence(), last.hash());
	}

	private static Verification verify(List<StoredEntry> rows, ChainHead head, @Nullable AuditKey key) {
		List<StoredEntry> sorted = new ArrayList<>(rows);
		Collections.sort(sorted, (a, b) -> Long.compare(a.sequence(), b.sequence()));
		ChainVerifier verifier = new ChainVerifier(key, new ChainVerifier.Lookups() {
			@Override
			public Optional<Long> laterEntryWithHash(String hash, long sequence) {
				return sorted.stream()
					.filter(e -> e.sequence() > sequence && e.hash().equals(hash))
					.map(StoredEntry::sequence)
					.findFirst();
			}

			@Override
			public Optional<Long> laterEntryWithPrevHash(String prevHash, long sequence) {
				return sorted.stream()
					.filter(e -> e.sequence() > sequence && e.prevHash().equals(prevHash))
					.map(StoredEntry::sequence)
					.findFirst();
			}
		});
		for (StoredEntry entry : sorted) {
			if (!verifier.accept(entry)) {
				break;
			}
		}
		return verifier.finish(head);
	}

}
