package dev.watchkeeper.approvals.internal;

import static dev.watchkeeper.approvals.ActionRequests.ALICE;
import static dev.watchkeeper.approvals.ActionRequests.BOB;
import static dev.watchkeeper.approvals.ActionRequests.applied;
import static dev.watchkeeper.approvals.ActionRequests.minutesAfterT0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ActionRequests;
import dev.watchkeeper.approvals.Click;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same SQL, compare-and-set included, on H2 (the embedded default) and on PostgreSQL.
 */
class ActionRequestRepositoryTests {

	static Stream<Arguments> databases() {
		return Stream.of(
				Arguments.of("H2",
						migrated(new DriverManagerDataSource(
								"jdbc:h2:mem:approvals" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""))),
				Arguments.of("PostgreSQL", migrated(
						new DriverManagerDataSource(EmbeddedPostgresSupport.newDatabase(), "postgres", "postgres"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void storedRequestReadsBackUnchanged(String name, DataSource database) {
		ActionRequestRepository repository = repository(database);
		ActionRequest request = ActionRequests.pending("test.critical", RiskTier.CRITICAL, "database/",
				IncidentId.random(), Conversation.thread("C0INCIDENT", "1700000000.000100"), minutesAfterT0(0));
		ActionRequest once = applied(request.approve(ALICE, minutesAfterT0(1)));

		repository.insert(once);

		assertThat(repository.find(once.id())).contains(once);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void compareAndSetWritesOnlyOverTheExpectedVersion(String name, DataSource database) {
		ActionRequestRepository repository = repository(database);
		ActionRequest pending = ActionRequests.pendingCritical();
		repository.insert(pending);
		Clock clock = minutesAfterT0(1);
		ActionRequest byAlice = applied(pending.approve(ALICE, clock));
		ActionRequest byBob = applied(pending.approve(BOB, clock));

		assertThat(repository.compareAndSet(pending, byAlice)).isTrue();
		assertThat(repository.compareAndSet(pending, byBob)).isFalse();

		ActionRequest stored = repository.find(pending.id()).orElseThrow();
		assertThat(stored.approverIds()).containsExactly(ALICE.value());
		ActionRequest approved = applied(stored.approve(BOB, clock));
		assertThat(repository.compareAndSet(stored, approved)).isTrue();
		assertThat(repository.find(pending.id()).orElseThrow().state()).isEqualTo(RequestState.APPROVED);
		assertThat(repository.find(pending.id()).orElseThrow().approverIds()).containsExactly(ALICE.value(),
				BOB.value());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void onlyOneStartOfExecutionCanWin(String name, DataSource database) {
		ActionRequestRepository repository = repository(database);
		ActionRequest approved = ActionRequests.approvedHigh(minutesAfterT0(1));
		repository.insert(approved);
		ActionRequest executing = applied(approved.startExecution(minutesAfterT0(2)));

		assertThat(repository.compareAndSet(approved, executing)).isTrue();
		assertThat(repository.compareAndSet(approved, executing)).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void findsExpiredPendingRequests(String name, DataSource database) {
		ActionRequestRepository repository = repository(database);
		ActionRequest pending = ActionRequests.pendingHigh();
		repository.insert(pending);

		assertThat(repository.findExpiredPending(minutesAfterT0(14).instant(), 10)).doesNotContain(pending.id());
		assertThat(repository.findExpiredPending(minutesAfterT0(15).instant(), 10)).contains(pending.id());
		assertThat(repository.findInStates(List.of(RequestState.PENDING), 10)).extracting(ActionRequest::id)
			.contains(pending.id());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void sameClickIsRecordedOnce(String name, DataSource database) {
		ClickLedger ledger = new ClickLedger(JdbcClient.create(database));
		Click click = new Click(ALICE, "1700000000.123456");
		ledger.record("request-1", click, "approve", minutesAfterT0(0).instant());

		assertThatThrownBy(() -> ledger.record("request-1", click, "approve", minutesAfterT0(1).instant()))
			.isInstanceOf(DuplicateKeyException.class);
		ledger.record("request-1", new Click(BOB, "1700000000.123456"), "approve", minutesAfterT0(1).instant());
		assertThat(ledger.purgeOlderThan(minutesAfterT0(1).instant())).isEqualTo(1);
	}

	static ActionRequestRepository repository(DataSource database) {
		return new ActionRequestRepository(JdbcClient.create(database), JsonMapper.builder().build());
	}

	static DataSource migrated(DataSource database) {
		Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
		return database;
	}

}
