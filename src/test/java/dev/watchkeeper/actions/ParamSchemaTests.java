package dev.watchkeeper.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSchemaTests {

	final ParamSchema schema = ParamSchema.of(
			ParamSpec.required("lease_id", "a Vault lease id").matching("[a-z0-9/._-]+").asIdentifier(),
			ParamSpec.optional("note", "free text").withMaxLength(20));

	@Test
	void validParametersAreAcceptedAndSorted() {
		ParamValidation result = schema.validate(Map.of("note", "ci leak", "lease_id", "database/creds/ro/abc"));

		assertThat(result).isInstanceOf(ParamValidation.Valid.class);
		ActionParams params = ((ParamValidation.Valid) result).params();
		assertThat(params.values().keySet()).containsExactly("lease_id", "note");
		assertThat(params.get("lease_id")).isEqualTo("database/creds/ro/abc");
	}

	@Test
	void missingRequiredParameterIsNamed() {
		ParamValidation result = schema.validate(Map.of("note", "x"));

		assertThat(((ParamValidation.Invalid) result).message())
			.isEqualTo("missing required parameter 'lease_id' (a Vault lease id)");
	}

	@Test
	void blankValueCountsAsMissing() {
		ParamValidation result = schema.validate(Map.of("lease_id", "   "));

		assertThat(((ParamValidation.Invalid) result).message()).contains("missing required parameter 'lease_id'");
	}

	@Test
	void unknownParameterIsRefusedWithTheAcceptedNames() {
		ParamValidation result = schema.validate(Map.of("lease_id", "a", "leaseid", "b"));

		assertThat(((ParamValidation.Invalid) result).problems())
			.containsExactly("unknown parameter 'leaseid' (accepted: lease_id, note)");
	}

	@Test
	void valueNotMatchingThePatternIsRefused() {
		ParamValidation result = schema.validate(Map.of("lease_id", "Robert'); DROP TABLE"));

		assertThat(((ParamValidation.Invalid) result).message())
			.isEqualTo("'lease_id' is not valid (a Vault lease id)");
	}

	@Test
	void tooLongValueIsRefused() {
		ParamValidation result = schema.validate(Map.of("lease_id", "a", "note", "x".repeat(21)));

		assertThat(((ParamValidation.Invalid) result).message()).isEqualTo("'note' is longer than 20 characters");
	}

	@Test
	void controlCharactersAreRefused() {
		ParamValidation result = schema.validate(Map.of("lease_id", "a", "note", "line\nbreak"));

		assertThat(((ParamValidation.Invalid) result).message()).isEqualTo("'note' contains control characters");
	}

	@Test
	void identifiersAreSeparatedFromPlainValues() {
		ActionParams params = ActionParams.of(Map.of("lease_id", "database/creds/ro/abc", "note", "ci"));

		assertThat(schema.identifiers(params)).containsExactly(Map.entry("lease_id", "database/creds/ro/abc"));
		assertThat(schema.plainValues(params)).containsExactly(Map.entry("note", "ci"));
	}

	@Test
	void canonicalFormCannotBeForgedByMovingSeparatorsIntoValues() {
		ActionParams two = ActionParams.of(Map.of("a", "1", "b", "2"));
		ActionParams one = ActionParams.of(Map.of("a", "1\n1:b=1:2"));

		assertThat(two.canonicalForm()).isNotEqualTo(one.canonicalForm());
		assertThat(two.canonicalForm()).isEqualTo(ActionParams.of(Map.of("b", "2", "a", "1")).canonicalForm());
	}

	@Test
	void paramsNeverShowTheirValuesInToString() {
		assertThat(ActionParams.of(Map.of("lease_id", "secret-ish")).toString()).doesNotContain("secret-ish");
	}

	@Test
	void parameterNamesAreLowerCaseWords() {
		assertThatThrownBy(() -> ParamSpec.required("Lease Id", "x")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void usageListsEveryParameter() {
		assertThat(schema.usage()).isEqualTo("lease_id=<a Vault lease id> [note=<free text>]");
	}

}
