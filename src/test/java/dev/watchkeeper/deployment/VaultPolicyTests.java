package dev.watchkeeper.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Pins the shipped Vault policy to exactly the paths and capabilities the credentials
 * module uses, so that a broader grant cannot slip in unreviewed.
 */
class VaultPolicyTests {

	private static final Path POLICY = Path.of("helm", "vault-policy.hcl");

	private static final Pattern RULE = Pattern
		.compile("path\\s+\"([^\"]+)\"\\s*\\{\\s*capabilities\\s*=\\s*\\[([^\\]]*)\\]\\s*\\}");

	@Test
	void policyGrantsExactlyWhatTheBotNeeds() throws IOException {
		Map<String, List<String>> rules = rules();

		// revoke-prefix (sudo) is deliberately absent: an opt-in documented in the policy
		// and docs/vault-policy.md
		assertThat(rules).containsExactly(entry("auth/token/renew-self", List.of("update")),
				entry("auth/token/lookup-self", List.of("read")), entry("sys/leases/lookup", List.of("update")),
				entry("sys/leases/revoke", List.of("update")), entry("sys/leases/lookup/*", List.of("list", "sudo")),
				entry("auth/token/lookup-accessor", List.of("update")),
				entry("auth/token/revoke-accessor", List.of("update")),
				entry("database/rotate-role/*", List.of("update")), entry("database/static-roles/*", List.of("read")));
	}

	@Test
	void policyFileHoldsNothingButRulesAndComments() throws IOException {
		// what is left after removing every parsed rule must be blank, or the regex
		// missed (or Vault would reject) a line
		assertThat(RULE.matcher(withoutComments()).replaceAll("")).isBlank();
	}

	private static Map<String, List<String>> rules() throws IOException {
		Map<String, List<String>> rules = new LinkedHashMap<>();
		Matcher matcher = RULE.matcher(withoutComments());
		while (matcher.find()) {
			List<String> capabilities = Arrays.stream(matcher.group(2).split(","))
				.map(c -> c.trim().replace("\"", ""))
				.filter(c -> !c.isEmpty())
				.toList();
			assertThat(rules.put(matcher.group(1), capabilities)).as("path %s appears twice", matcher.group(1))
				.isNull();
		}
		return rules;
	}

	private static String withoutComments() throws IOException {
		return String.join("\n",
				Files.readAllLines(POLICY).stream().map(line -> line.replaceFirst("^\\s*#.*$", "")).toList());
	}

}
