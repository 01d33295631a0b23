package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditEntry;
import dev.watchkeeper.audit.AuditExported;
import dev.watchkeeper.audit.AuditPage;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.audit.AuditVerified;
import dev.watchkeeper.audit.ChainHead;
import dev.watchkeeper.audit.ExportFormat;
import dev.watchkeeper.audit.Reviewer;
import dev.watchkeeper.audit.Verification;
import dev.watchkeeper.core.AuditableEvent;
import dev.watchkeeper.redaction.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail as one SHA-256 hash chain sealed with HMAC-SHA256, stored through
 * {@link AuditEntryRepository}.
 * <p>
 * Appends join the caller's transaction ({@code REQUIRED}): the entry commits or rolls
 * back with the state change it records, and a failed append rolls that change back (fail
 * closed). Each append holds the chain-head row lock until that transaction ends, so
 * publishers should append last and keep transactions short.
 */
class HashChainedAuditTrail implements AuditTrail {

	private static final Logger log = LoggerFactory.getLogger(HashChainedAuditTrail.class);

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private final AuditEntryRepository repository;

	private final @Nullable AuditKey key;

	private final Redactor redactor;

	private final Clock clock;

	private final TransactionTemplate writes;

	private final TransactionTemplate snapshot;

	HashChainedAuditTrail(AuditEntryRepository repository, @Nullable AuditKey key, Redactor redactor, Clock clock,
			PlatformTransactionManager transactions) {
		this.repository = repository;
		this.key = key;
		this.redactor = redactor;
		this.clock = clock;
		this.writes = new TransactionTemplate(transactions);
		this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		// one consistent view of entries and head while a long walk or export runs beside
		// new appends
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public AuditEntry append(AuditableEvent event) {
		AuditKey sealKey = requireKey();
		EntryDraft draft = EntryDraft.of(event, redactor, sealKey);
		StoredEntry entry = writes.execute(status -> {
			ChainHead head = repository.lockHead();
			// checked under the lock: a concurrent delivery of the same event waits here
			// and then finds it
			Optional<StoredEntry> existing = repository.findByEventId(draft.eventId());
			if (existing.isPresent()) {
				return existing.get();
			}
			StoredEntry sealed = ChainSealing.seal(draft, head.sequence() + 1, head.hash(), clock.instant(), sealKey);
			repository.insert(sealed);
			repository.moveHead(sealed);
			return sealed;
		});
		return toEntry(entry);
	}

	@Override
	public AuditPage search(AuditQuery query, @Nullable Long before, int limit) {
		if (limit < 1 || limit > 500) {
			throw new IllegalArgumentException("limit must be between 1 and 500");
		}
		List<StoredEntry> rows = repository.search(query, before, limit + 1);
		boolean more = rows.size() > limit;
		List<AuditEntry> entries = rows.stream().limit(limit).map(HashChainedAuditTrail::toEntry).toList();
		return new AuditPage(entries, more ? entries.get(entries.size() - 1).sequence() : null);
	}

	@Override
	public Optional<AuditEntry> entry(long sequence) {
		return repository.find(sequence).map(HashChainedAuditTrail::toEntry);
	}

	@Override
	public ChainHead head() {
		return repository.head();
	}

	@Override
	public Verification verify(Reviewer by) {
		Verification result = verifyChain();
		if (key != null) {
			append(new AuditVerified(UUID.randomUUID(), clock.instant(), by, result));
		}
		else {
			log.warn("audit verification by {} not recorded: no HMAC key to seal the entry", by.id());
		}
		return result;
	}

	/** The walk alone, without recording it. */
	Verification verifyChain() {
		Verification result = snapshot.execute(status -> {
			ChainVerifier verifier = new ChainVerifier(key, new ChainVerifier.Lookups() {
				@Override
				public Optional<Long> laterEntryWithHash(String hash, long sequence) {
					return repository.laterEntryWithHash(hash, sequence);
				}

				@Override
				public Optional<Long> laterEntryWithPrevHash(String prevHash, long sequence) {
					return repository.laterEntryWithPrevHash(prevHash, sequence);
				}
			});
			ChainHead head = repository.head();
			try {
				repository.stream(AuditQuery.all(), entry -> {
					if (!verifier.accept(entry)) {
						throw new StopWalking();
					}
				});
			}
			catch (StopWalking stop) {
				// the first break is found: the rest of the chain does not change the
				// answer
			}
			return verifier.finish(head);
		});
		if (result instanceof Verification.Broken broken) {
			log.error("audit chain broken at entry {}: {} ({})", broken.sequence(), broken.problem(),
					broken.explanation());
		}
		return result;
	}

	@Override
	public long export(AuditQuery query, ExportFormat format, OutputStream out, Reviewer by) throws IOException {
		// recorded first and committed on its own: an export that cannot be audited does
		// not start
		append(new AuditExported(UUID.randomUUID(), clock.instant(), by, format, query));
		try {
			Long written = snapshot.execute(status -> {
				try (ExportWriter writer = new ExportWriter(format, out)) {
					repository.stream(query, writer::write);
					return writer.written();
				}
			});
			return written == null ? 0 : written;
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	@Override
	public String hashIdentifier(String value) {
		return requireKey().identifier(value);
	}

	private AuditKey requireKey() {
		if (key == null) {
			throw new IllegalStateException("no audit HMAC key: set WATCHKEEPER_AUDIT_HMAC_KEY");
		}
		return key;
	}

	static AuditEntry toEntry(StoredEntry e) {
		return new AuditEntry(e.sequence(), e.eventId(), e.occurredAt(), e.recordedAt(), e.actor(), e.actorName(),
				e.action(), e.subject(), e.incidentId(), e.outcome(), JSON.readValue(e.detailsJson(), STRING_MAP),
				JSON.readValue(e.identifiersJson(), STRING_MAP), e.keyId(), e.prevHash(), e.hash(), e.hmac());
	}

	/** Ends a streaming walk early. */
	private static final class StopWalking extends RuntimeException {

		StopWalking() {
			super(null, null, false, false);
		}

	}

}
