package dev.watchkeeper.slack.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunArgumentsTests {

	@Test
	void typeParametersAndReason() {
		RunArguments run = RunArguments.parse("vault.revoke-lease lease_id=database/creds/ro/abc -- leaked in CI");

		assertThat(run).isEqualTo(
				new RunArguments("vault.revoke-lease", Map.of("lease_id", "database/creds/ro/abc"), "leaked in CI"));
	}

	@Test
	void quotedValuesKeepSpacesAndDashes() {
		RunArguments run = RunArguments.parse("noop.echo message=\"hello -- world\" note=“smart quotes”");

		assertThat(run.params()).containsEntry("message", "hello -- world").containsEntry("note", "smart quotes");
		assertThat(run.reason()).isEmpty();
	}

	@Test
	void emDashAlsoStartsTheReason() {
		assertThat(RunArguments.parse("noop.echo message=hi — because").reason()).isEqualTo("because");
	}

	@Test
	void escapedQuoteStaysInTheValue() {
		assertThat(RunArguments.parse("noop.echo message=\"say \\\"hi\\\"\"").params()).containsEntry("message",
				"say \"hi\"");
	}

	@Test
	void wordWithoutEqualsIsRefused() {
		assertThatThrownBy(() -> RunArguments.parse("noop.echo hello")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("expected name=value, got 'hello'");
	}

	@Test
	void unclosedQuoteIsRefused() {
		assertThatThrownBy(() -> RunArguments.parse("noop.echo message=\"hello"))
			.hasMessage("unclosed quote in the value of 'message'");
	}

	@Test
	void repeatedNameIsRefused() {
		assertThatThrownBy(() -> RunArguments.parse("noop.echo a=1 a=2")).hasMessage("'a' given twice");
	}

	@Test
	void missingActionIsRefused() {
		assertThatThrownBy(() -> RunArguments.parse("  -- why")).hasMessage("name the action to run");
	}

}
