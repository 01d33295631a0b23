package dev.watchkeeper.runbooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.core.LabelMatcher;
import dev.watchkeeper.runbooks.ActionTypes;
import dev.watchkeeper.runbooks.Runbook;
import dev.watchkeeper.runbooks.RunbookProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRunbookParserTests {

	private final MarkdownRunbookParser parser = new MarkdownRunbookParser(ActionTypes.defaults());

	private static final String FRONT = """
			---
			id: leaked-credential
			title: Leaked credential
			owner: security
			severity: critical
			match:
			  - alertname=CredentialLeaked
			  - severity=~"critical|page"
			keywords: [vault lease, revoke]
			---
			""";

	@Test
	void readsFrontMatterStepsAndActions() {
		Runbook runbook = valid(FRONT + """
				# Leaked credential

				Intro text.

				## Steps

				1. Look up the lease:
				   ```bash
				   vault lease lookup {{ annotations.lease_id }}
				   ```
				2. Revoke it.
				   ```action
				   type: vault.revoke-lease
				   lease_id: "{{ annotations.lease_id }}"
				   reason: leaked in {{ annotations.source }}
				   ```
				   Rollback: none.
				3. Tell the owners.

				## Notes

				Not a step.
				""");

		assertThat(runbook.id()).isEqualTo("leaked-credential");
		assertThat(runbook.title()).isEqualTo("Leaked credential");
		assertThat(runbook.owner()).isEqualTo("security");
		assertThat(runbook.severity()).isEqualTo("critical");
		assertThat(runbook.match()).containsExactly(LabelMatcher.parse("alertname=CredentialLeaked"),
				LabelMatcher.parse("severity=~critical|page"));
		assertThat(runbook.keywords()).containsExactly("vault lease", "revoke");
		assertThat(runbook.steps()).extracting(Runbook.Step::number).containsExactly(1, 2, 3);
		assertThat(runbook.steps()).extracting(Runbook.Step::line).containsExactly(17, 21, 28);
		Runbook.Step lookup = runbook.steps().get(0);
		assertThat(lookup.text()).isEqualTo("""
				Look up the lease:

				```bash
				vault lease lookup {{ annotations.lease_id }}
				```""");
		assertThat(lookup.action()).isNull();
		Runbook.Step revoke = runbook.steps().get(1);
		assertThat(revoke.text()).isEqualTo("Revoke it.\n\nRollback: none.");
		assertThat(revoke.action()).isNotNull();
		assertThat(revoke.action().type()).isEqualTo("vault.revoke-lease");
		assertThat(revoke.action().line()).isEqualTo(22);
		assertThat(revoke.action().params()).containsExactly(
				java.util.Map.entry("lease_id", "{{ annotations.lease_id }}"),
				java.util.Map.entry("reason", "leaked in {{ annotations.source }}"));
		assertThat(runbook.body()).contains("Intro text.").contains("Not a step.");
	}

	@Test
	void actionFenceAtColumnZeroBelongsToTheStepAboveIt() {
		Runbook runbook = valid(FRONT + """
				## Steps

				1. Revoke the lease.
				```action
				type: vault.revoke-lease
				lease_id: "{{ annotations.lease_id }}"
				```
				2. Check it is gone.
				""");

		assertThat(runbook.steps()).hasSize(2);
		assertThat(runbook.steps().get(0).action().type()).isEqualTo("vault.revoke-lease");
		assertThat(runbook.steps().get(1).text()).isEqualTo("Check it is gone.");
	}

	@Test
	void matchAndKeywordsMayBeSingleStrings() {
		Runbook runbook = valid("""
				---
				id: x
				title: X
				owner: sre
				severity: info
				match: alertname=X
				keywords: disk, inode
				---
				## Steps
				1. one
				""");

		assertThat(runbook.match()).containsExactly(LabelMatcher.parse("alertname=X"));
		assertThat(runbook.keywords()).containsExactly("disk", "inode");
	}

	@Test
	void windowsLineEndingsAndByteOrderMarkAreAccepted() {
		Runbook runbook = valid("\uFEFF" + (FRONT + "## Steps\n\n1. one\n2. two\n").replace("\n", "\r\n"));

		assertThat(runbook.steps()).extracting(Runbook.Step::text).containsExactly("one", "two");
	}

	@Test
	void brokenYamlIsReportedAtItsLine() {
		assertThat(problems("""
				---
				id: x
				title: X
				owner: sre
				  severity: high
				---
				## Steps
				1. one
				""")).singleElement()
			.hasToString("rb.md:5: front matter: invalid YAML: mapping values are not allowed here");
	}

	@Test
	void missingFrontMatterIsReportedOnLineOne() {
		assertThat(problems("# Just markdown\n\n## Steps\n1. x\n")).singleElement()
			.satisfies(p -> assertThat(p.toString()).startsWith("rb.md:1: no front matter"));
		assertThat(problems("---\nid: x\n## Steps\n1. x\n")).singleElement()
			.satisfies(p -> assertThat(p.toString()).startsWith("rb.md:1: front matter is not closed"));
	}

	@Test
	void missingAndUnknownFrontMatterKeysAreEachReported() {
		assertThat(problems("""
				---
				id: x
				title: X
				mathc:
				  - alertname=X
				---
				## Steps
				1. one
				""")).extracting(RunbookProblem::toString)
			.containsExactly(
					"rb.md:4: unknown front matter key 'mathc' (known: id, keywords, match, owner, severity, title)",
					"rb.md:2: front matter needs 'owner'", "rb.md:2: front matter needs 'severity'");
	}

	@Test
	void duplicateFrontMatterKeyIsAnError() {
		assertThat(problems("""
				---
				id: x
				title: X
				owner: sre
				severity: high
				id: y
				---
				## Steps
				1. one
				""")).singleElement()
			.satisfies(p -> assertThat(p.toString()).startsWith("rb.md:6: front matter: invalid YAML: Duplicate")
				.contains("\"id\""));
	}

	@Test
	void invalidRegexIsReportedAtTheMatcherLine() {
		assertThat(problems(FRONT.replace("severity=~\"critical|page\"", "job=~\"(api\"") + "## Steps\n1. one\n"))
			.singleElement()
			.satisfies(p -> assertThat(p.toString()).startsWith("rb.md:8: match: invalid regex in matcher job=~(api"));
	}

	@Test
	void malformedMatcherIsReportedWithAHint() {
		assertThat(problems(FRONT.replace("severity=~\"critical|page\"", "alertname=A, job=b") + "## Steps\n1. one\n"))
			.singleElement()
			.satisfies(p -> assertThat(p.toString()).startsWith("rb.md:8: match: ")
				.endsWith("(one matcher per list item)"));
	}

	@Test
	void unknownActionTypeIsReportedWithTheKnownOnes() {
		assertThat(problems(FRONT + """
				## Steps

				1. Revoke.
				   ```action
				   type: vault.revoke-leas
				   lease_id: "{{ annotations.lease_id }}"
				   ```
				""")).singleElement()
			.hasToString("rb.md:15: step 1 action: unknown action type 'vault.revoke-leas' (known: noop.echo, "
					+ "vault.revoke-lease, vault.revoke-prefix, vault.revoke-token-accessor, vault.rotate-database-role)");
	}

	@Test
	void unquotedTemplateInAnActionExplainsTheFix() {
		assertThat(problems(FRONT + """
				## Steps

				1. Revoke.
				   ```action
				   type: vault.revoke-lease
				   lease_id: {{ annotations.lease_id }}
				   ```
				""")).singleElement()
			.hasToString("rb.md:16: step 1 action: quote the template value: YAML reads an unquoted '{{' as a "
					+ "mapping; write \"{{ annotations.lease_id }}\"");
	}

	@Test
	void templateFieldsMustBeLabelsOrAnnotations() {
		assertThat(problems(FRONT + """
				## Steps

				1. Revoke.
				   ```action
				   type: vault.revoke-lease
				   lease_id: "{{ .Annotations.lease_id }}"
				   extra: "{{ env.HOME }}"
				   ```
				2. Look at {{ label.namespace }} and {{ $labels.pod }}.
				3. kubectl get pods -o go-template='{{ range .items }}{{ .metadata.name }}{{ end }}'
				""")).extracting(RunbookProblem::toString)
			.containsExactly(
					"rb.md:16: step 1 action: parameter 'lease_id': template {{ .Annotations.lease_id }} is not "
							+ "{{ labels.NAME }} or {{ annotations.NAME }}",
					"rb.md:17: step 1 action: parameter 'extra': template {{ env.HOME }} is not {{ labels.NAME }} "
							+ "or {{ annotations.NAME }}",
					"rb.md:19: step 2: template {{ label.namespace }} is not {{ labels.NAME }} or {{ annotations.NAME }}",
					"rb.md:19: step 2: template {{ $labels.pod }} is not {{ labels.NAME }} or {{ annotations.NAME }}");
	}

	@Test
	void actionNeedsATypeAndTextParameters() {
		assertThat(problems(FRONT + """
				## Steps

				1. Revoke.
				   ```action
				   lease_id:
				     - a
				     - b
				   ```
				""")).extracting(RunbookProblem::toString)
			.containsExactly("rb.md:15: step 1 action: needs 'type:'",
					"rb.md:15: step 1 action: parameter 'lease_id' needs one text value");
	}

	@Test
	void stepsSectionMustExistAndBeAnOrderedList() {
		assertThat(problems(FRONT + "# Title\n\nSome text.\n")).singleElement()
			.satisfies(p -> assertThat(p.toString()).startsWith("rb.md:11: no '## Steps' section"));
		assertThat(problems(FRONT + "## Steps\n\n- one\n- two\n")).singleElement()
			.hasToString("rb.md:11: '## Steps' has no ordered list: write the steps as 1. 2. 3.");
	}

	@Test
	void actionBlocksOutsideStepsAndSecondActionsAreRefused() {
		assertThat(problems(FRONT + """
				## Before

				```action
				type: noop.echo
				```

				## Steps

				1. Two actions.
				   ```action
				   type: noop.echo
				   ```
				   ```action
				   type: noop.echo
				   ```
				""")).extracting(RunbookProblem::toString)
			.containsExactly("rb.md:23: second action block in one step: a step has at most one action; split the step",
					"rb.md:13: action block outside '## Steps': put it inside the step it belongs to");
	}

	@Test
	void secondStepsSectionIsAnError() {
		assertThat(problems(FRONT + "## Steps\n\n1. one\n\n## Steps\n\n1. again\n")).singleElement()
			.hasToString("rb.md:15: second '## Steps' section: a runbook has one list of steps");
	}

	@Test
	void idMustBeUsableInLinksAndCommands() {
		assertThat(problems(FRONT.replace("id: leaked-credential", "id: leaked credential!") + "## Steps\n1. x\n"))
			.singleElement()
			.satisfies(p -> assertThat(p.toString()).startsWith("rb.md:2: id 'leaked credential!' must be"));
	}

	private Runbook valid(String content) {
		MarkdownRunbookParser.Parsed parsed = parser.parse("rb.md", content);
		assertThat(parsed).isInstanceOf(MarkdownRunbookParser.Parsed.Valid.class);
		return ((MarkdownRunbookParser.Parsed.Valid) parsed).runbook();
	}

	private List<RunbookProblem> problems(String content) {
		MarkdownRunbookParser.Parsed parsed = parser.parse("rb.md", content);
		assertThat(parsed).isInstanceOf(MarkdownRunbookParser.Parsed.Invalid.class);
		return ((MarkdownRunbookParser.Parsed.Invalid) parsed).problems();
	}

}
