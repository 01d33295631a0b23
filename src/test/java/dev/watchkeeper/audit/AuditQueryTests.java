package dev.watchkeeper.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditQueryTests {

	@Test
	void datesCoverWholeUtcDaysAndLocalTimesReadAsUtc() {
		AuditQuery query = AuditQuery.parse(Map.of("from", "2026-12-01", "to", "2026-12-02")::get);
		AuditQuery local = AuditQuery.parse(Map.of("from", "2026-12-01T10:00", "to", "2026-12-01T12:30:00+01:00")::get);

		assertThat(query.from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
		assertThat(query.to()).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
		assertThat(local.from()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
		assertThat(local.to()).isEqualTo(Instant.parse("2026-12-01T11:30:00Z"));
	}

	@Test
	void blankFiltersAreUnset() {
		AuditQuery query = AuditQuery.parse(Map.of("actor", "  ", "action", "", "outcome", " ok ")::get);

		assertThat(query.actor()).isNull();
		assertThat(query.action()).isNull();
		assertThat(query.outcome()).isEqualTo("ok");
		assertThat(query.asParameters()).containsExactly(Map.entry("outcome", "ok"));
	}

	@Test
	void badInputIsExplained() {
		assertThatThrownBy(() -> AuditQuery.parse(Map.of("to", "tomorrow")::get))
			.hasMessageContaining("'to' is not a time");
		assertThatThrownBy(() -> AuditQuery.parse(Map.of("from", "2026-12-02", "to", "2026-12-01")::get))
			.hasMessage("'from' must be before 'to'");
		assertThatThrownBy(() -> AuditQuery.parse(Map.of("actor", "x".repeat(501))::get))
			.hasMessageContaining("at most 500 characters");
		assertThatThrownBy(() -> ExportFormat.parse("xml")).hasMessageContaining("use jsonl or csv");
	}

	@Test
	void actionEndingInStarIsAPrefix() {
		assertThat(AuditQuery.parse(Map.of("action", "action.*")::get).actionIsPrefix()).isTrue();
		assertThat(AuditQuery.parse(Map.of("action", "action.approved")::get).actionIsPrefix()).isFalse();
	}

}
