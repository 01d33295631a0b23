package dev.watchkeeper.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the redactor replaces, what it leaves alone, and how it behaves when it cannot
 * finish.
 */
class RedactorTests {

	private final Redactor redactor = Redactor.standard();

	// fake values in real shapes; none was ever issued
	private static final String GITHUB_TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z05";

	private static final String AWS_KEY_ID = "AKIA" + "QX7RZ2M4N6P3T5V7";

	@Test
	void replacesTheSecretWithATypedPlaceholderAndReportsItsOriginalOffsets() {
		String text = "deploy failed: token " + GITHUB_TOKEN + " rejected";

		Redacted redacted = redactor.redact(text);

		assertThat(redacted.text()).isEqualTo("deploy failed: token [REDACTED:github-token] rejected");
		assertThat(redacted.findings()).containsExactly(new Finding("github-token", 21, 21 + GITHUB_TOKEN.length()));
		assertThat(text.substring(21, 21 + GITHUB_TOKEN.length())).isEqualTo(GITHUB_TOKEN);
		assertThat(redacted.changed()).isTrue();
		assertThat(redacted.withheld()).isFalse();
	}

	@Test
	void findingsCarryNoSecretValue() {
		Redacted redacted = redactor.redact("key " + AWS_KEY_ID);

		assertThat(redacted.findings().toString()).doesNotContain(AWS_KEY_ID);
		assertThat(redacted.toString()).doesNotContain(AWS_KEY_ID);
	}

	@Test
	void textWithoutSecretsIsReturnedUnchanged() {
		String text = "2024-01-15T10:30:00Z INFO pod api-7d9f8c6b5d-x2x7k ready, commit "
				+ "3f786850e387550fdab836ed7e6dc881de23001b, image sha256:"
				+ "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, request "
				+ "123e4567-e89b-12d3-a456-426614174000, v1.27.3";

		Redacted redacted = redactor.redact(text);

		assertThat(redacted.text()).isSameAs(text);
		assertThat(redacted.changed()).isFalse();
	}

	@Test
	void emptyTextIsUnchanged() {
		assertThat(redactor.redact("").changed()).isFalse();
	}

	@Test
	void redactingRedactedTextChangesNothing() {
		String text = "password=hunter2 url=postgres://app:s3cret@db:5432/x Authorization: Bearer "
				+ "abcdefghijklmnop1234567890 mail jane@example.com " + GITHUB_TOKEN;
		String once = redactor.redact(text).text();

		Redacted twice = redactor.redact(once);

		assertThat(twice.text()).isEqualTo(once);
		assertThat(twice.changed()).isFalse();
	}

	@Test
	void withheldTextIsNotRedactedAgain() {
		Redacted redacted = redactor.redact(Redactor.WITHHELD);

		assertThat(redacted.text()).isEqualTo(Redactor.WITHHELD);
		assertThat(redacted.changed()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					aws-access-key-id          | export AWS_ACCESS_KEY_ID=ASIAQX7RZ2M4N6P3T5V7                       | ASIAQX7RZ2M4N6P3T5V7
					aws-secret-access-key      | aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY0EXAMPLEKE   | wJalrXUtnFEMI/K7MDENG/bPxRfiCY0EXAMPLEKE
					gcp-api-key                | key=AIzaSyD3f9Kx2LmN4pQ6rS8tU0vW2xY4z6A8b0C                         | AIzaSyD3f9Kx2LmN4pQ6rS8tU0vW2xY4z6A8b0C
					gitlab-token               | PRIVATE-TOKEN: glpat-x9Yz8Wv7Ut6Sr5Qp4On3                          | glpat-x9Yz8Wv7Ut6Sr5Qp4On3
					slack-token                | SLACK_BOT_TOKEN=xoxb-12345678901-1234567890123-aB3dE5fG7hJ9kL1mN3pQ5rS7 | xoxb-12345678901-1234567890123-aB3dE5fG7hJ9kL1mN3pQ5rS7
					slack-webhook-url          | post to https://hooks.slack.com/services/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 now | https://hooks.slack.com/services/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
					vault-token                | X-Vault-Token: hvs.CAESIG7hJ9kL1mN3pQ5rS7tU9vW1xY3z05aB3dE5fGhJ9kL1mN3pQ | hvs.CAESIG7hJ9kL1mN3pQ5rS7tU9vW1xY3z05aB3dE5fGhJ9kL1mN3pQ
					vault-token                | VAULT_TOKEN=s.Ab3dEfGh1jKlMn0pQrStUvWx vault status                | s.Ab3dEfGh1jKlMn0pQrStUvWx
					stripe-key                 | Stripe.apiKey = sk_live_4eC39HqLyjWDarjtT1zdp7dc                   | sk_live_4eC39HqLyjWDarjtT1zdp7dc
					jwt                        | id_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U
					azure-storage-key          | AccountName=x;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy==;EndpointSuffix=core.windows.net | Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy==
					azure-shared-access-key    | SharedAccessKeyName=Root;SharedAccessKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4MTIzNDU2Nzg= | Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4MTIzNDU2Nzg=
					azure-sas-signature        | GET /c/b?sv=2022-11-02&sp=r&sig=aB3dE5fG7hJ9kL1mN3pQ%2B5rS7%3D 200 | aB3dE5fG7hJ9kL1mN3pQ%2B5rS7%3D
					url-credentials            | mongodb+srv://svc:p@ss:w0rd@cluster0.example.net/db                 | p@ss:w0rd
					connection-string-password | Server=sql;Database=app;User Id=sa;Password=Sup3r!Secret;          | Sup3r!Secret
					bearer-token               | curl -H 'Authorization: Bearer 0123456789abcdefABCDEF' https://api  | 0123456789abcdefABCDEF
					basic-auth                 | Authorization: Basic YWRtaW46aHVudGVyMg==                          | YWRtaW46aHVudGVyMg==
					password                   | {"user":"bob","password":"hunter2"}                                 | hunter2
					password                   | SMTP_PASSWORD=Tr0ub4dor&3 next                                      | Tr0ub4dor&3
					secret                     | client_secret: "q8Fz-3kLm_9vXw"                                     | q8Fz-3kLm_9vXw
					high-entropy-secret        | signing_key: 8fK2mQ9xL4pR7vT1wZ3yB6nC                               | 8fK2mQ9xL4pR7vT1wZ3yB6nC
					email                      | paged jane.doe+oncall@example.co.uk twice                           | jane.doe+oncall@example.co.uk
					phone-number               | call +44 20 7946 0958 now                                           | +44 20 7946 0958
					phone-number               | call (415) 555-0132 now                                             | (415) 555-0132
					phone-number               | Tel. 06 12 34 56 78                                                  | 06 12 34 56 78
					payment-card               | card 4111-1111-1111-1111 declined                                   | 4111-1111-1111-1111
					payment-card               | amex 378282246310005 ok                                             | 378282246310005
					iban                       | IBAN GB82 WEST 1234 5698 7654 32                                    | GB82 WEST 1234 5698 7654 32
					""")
	void detects(String kind, String text, String secret) {
		Redacted redacted = redactor.redact(text);

		assertThat(redacted.text()).doesNotContain(secret).contains(Redactor.placeholder(kind));
		int start = text.indexOf(secret);
		assertThat(redacted.findings()).contains(new Finding(kind, start, start + secret.length()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "commit 3f786850e387550fdab836ed7e6dc881de23001b", "HEAD at 3f78685",
			"request_id=123e4567-e89b-12d3-a456-426614174000", "session_id=123e4567-e89b-12d3-a456-426614174000",
			"image ghcr.io/acme/api@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			"upgraded to 1.27.3-eks-2d98532", "pod payments-5f6d7c8b9-abcde restarted",
			"at 2024-01-15T10:30:00.123+01:00 (1705314600123)", "data: aGVsbG8gd29ybGQsIHRoaXMgaXMgYSBjb25maWc=",
			"password: ${DB_PASSWORD}", "token: <redacted>", "api_key: null", "password: \"****\"", "token_count: 512",
			"secretName: db-credentials", "PWD=/home/runner/work", "cache_key: user-profile-12345",
			"WWW-Authenticate: Bearer realm=\"api\"", "bearer authentication failed for client",
			"ssh://git@github.com/acme/repo.git", "java.lang.Object@1b6d3586", "npm i lodash@4.17.21",
			"https://api.example.com:8443/v1", "card 4111 1111 1111 1112", "IBAN DE12 3456 7890 1234 5678 90",
			"00 01 02 03 04 05 06 07 08 09", "2024-01-15 12:30:45", "arn:aws:iam::123456789012:role/admin",
			"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
			"host 10.0.3.7 and fe80::1ff:fe23:4567:890a" })
	void leavesAlone(String text) {
		assertThat(redactor.redact(text).text()).isEqualTo(text);
	}

	@Test
	void redactsAMultiLinePemPrivateKeyAsOneFinding() {
		String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
				+ "AAAAAAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIHh4\n-----END OPENSSH PRIVATE KEY-----";

		Redacted redacted = redactor.redact("key:\n" + key + "\nloaded");

		assertThat(redacted.text()).isEqualTo("key:\n[REDACTED:private-key]\nloaded");
		assertThat(redacted.findings()).containsExactly(new Finding("private-key", 5, 5 + key.length()));
	}

	@Test
	void redactsEverythingAfterAPrivateKeyHeaderWithoutItsEndMarker() {
		Redacted redacted = redactor.redact("cut: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIO\nmore");

		assertThat(redacted.text()).isEqualTo("cut: [REDACTED:private-key]");
	}

	@Test
	void redactsAServiceAccountKeyWithEscapedLineBreaks() {
		String json = "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n\","
				+ " \"client_id\": \"1234\"}";

		assertThat(redactor.redact(json).text())
			.isEqualTo("{\"private_key\": \"[REDACTED:gcp-service-account-key]\", \"client_id\": \"1234\"}");
	}

	@Test
	void redactsAKubernetesEnvValueOnTheLineAfterASecretName() {
		String manifest = "env:\n  - name: DB_PASSWORD\n    value: \"hunter2\"\n  - name: LOG_LEVEL\n    value: debug\n";

		assertThat(redactor.redact(manifest).text()).isEqualTo(
				"env:\n  - name: DB_PASSWORD\n    value: \"[REDACTED:secret]\"\n  - name: LOG_LEVEL\n    value: debug\n");
	}

	@Test
	void keepsUserAndHostOfAUrlAndRemovesOnlyThePassword() {
		assertThat(redactor.redact("postgres://app:s3cret@db.example.com:5432/orders").text())
			.isEqualTo("postgres://app:[REDACTED:url-credentials]@db.example.com:5432/orders");
	}

	@Test
	void aSpecificDetectorWinsOverTheGenericAssignment() {
		Redacted redacted = redactor.redact("GITHUB_TOKEN=" + GITHUB_TOKEN);

		assertThat(redacted.text()).isEqualTo("GITHUB_TOKEN=[REDACTED:github-token]");
		assertThat(redacted.findings()).hasSize(1);
	}

	@Test
	void aQueryStringValueStopsAtTheNextParameter() {
		assertThat(redactor.redact("GET /login?user=bob&password=hunter2&next=/home").text())
			.isEqualTo("GET /login?user=bob&password=[REDACTED:connection-string-password]&next=/home");
	}

	@Test
	void ipAddressesAreLeftAloneByDefaultAndRedactedWhenAskedFor() {
		String text = "from 10.0.3.7 and 2001:db8::8a2e:370:7334 at 10:30:00";
		Redactor withIps = Redactor.builder().redactIpAddresses(true).build();

		assertThat(redactor.redact(text).text()).isEqualTo(text);
		assertThat(withIps.redact(text).text())
			.isEqualTo("from [REDACTED:ip-address] and [REDACTED:ip-address] at 10:30:00");
	}

	@Test
	void allowListedLiteralValuesStay() {
		Redactor allowing = Redactor.builder().allow("AKIAIOSFODNN7EXAMPLE").build();

		assertThat(allowing.redact("docs key AKIAIOSFODNN7EXAMPLE, real " + AWS_KEY_ID).text())
			.isEqualTo("docs key AKIAIOSFODNN7EXAMPLE, real [REDACTED:aws-access-key-id]");
	}

	@Test
	void allowListPatternsMatchTheWholeDetectedValue() {
		Redactor allowing = Redactor.builder().allowPattern(".*@example\\.com").build();

		assertThat(allowing.redact("jane@example.com and jane@example.com.evil.io").text())
			.isEqualTo("jane@example.com and [REDACTED:email]");
	}

	@Test
	void customDetectorsReplaceTheirMatch() {
		Redactor custom = Redactor.builder().detector("acme-api-key", "acme_[a-z0-9]{12}").build();

		Redacted redacted = custom.redact("using acme_0123abcd4567 for billing");

		assertThat(redacted.text()).isEqualTo("using [REDACTED:acme-api-key] for billing");
		assertThat(redacted.findings()).containsExactly(new Finding("acme-api-key", 6, 23));
	}

	@Test
	void customDetectorsWithASecretGroupReplaceOnlyThatGroup() {
		Redactor custom = Redactor.builder().detector("employee-id", "employee=(?<secret>E\\d{6})").build();

		assertThat(custom.redact("employee=E123456 logged in").text())
			.isEqualTo("employee=[REDACTED:employee-id] logged in");
	}

	@Test
	void customDetectorsAreIdempotentToo() {
		Redactor custom = Redactor.builder().detector("redacted-word", "REDACTED").build();

		String once = custom.redact("the word REDACTED").text();

		assertThat(once).isEqualTo("the word [REDACTED:redacted-word]");
		assertThat(custom.redact(once).text()).isEqualTo(once);
	}

	@Test
	void invalidCustomDetectorsAreRefusedWithTheirName() {
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().detector("acme", "acme_[a-z"))
			.withMessageContaining("custom detector 'acme' is not a valid regular expression");
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().detector("Acme Key", "x"))
			.withMessageContaining("'Acme Key' must be lower-case letters, digits and dashes");
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().detector("anything", "a*"))
			.withMessageContaining("matches the empty string");
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().detector("withheld", "x"))
			.withMessageContaining("reserved");
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().allowPattern("(unclosed"))
			.withMessageContaining("allow-list pattern is not a valid regular expression");
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().timeBudget(Duration.ZERO))
			.withMessageContaining("must be positive");
	}

	@Test
	void aDetectorThatBlowsUpWithholdsTheWholeText() {
		// (a|b)* recurses once per character in java.util.regex and overflows the stack
		// on long input
		Redactor fragile = Redactor.builder().detector("fragile", "(?:a|b)*c").build();
		String text = "secret " + GITHUB_TOKEN + " " + "ab".repeat(200_000);

		Redacted redacted = fragile.redact(text);

		assertThat(redacted.text()).isEqualTo(Redactor.WITHHELD).doesNotContain(GITHUB_TOKEN);
		assertThat(redacted.findings()).containsExactly(new Finding(Redactor.WITHHELD_KIND, 0, text.length()));
		assertThat(redacted.withheld()).isTrue();
		assertThat(redacted.changed()).isTrue();
	}

	@Test
	void runningOutOfTimeWithholdsTheWholeText() {
		AtomicLong nanos = new AtomicLong();
		// every reading of the ticker moves time one second on: the budget is spent by
		// the first check
		Redactor slow = Redactor.builder()
			.timeBudget(Duration.ofMillis(500))
			.ticker(() -> nanos.addAndGet(1_000_000_000L))
			.build();

		Redacted redacted = slow.redact("password=hunter2 " + "x".repeat(10_000));

		assertThat(redacted.text()).isEqualTo(Redactor.WITHHELD);
		assertThat(redacted.withheld()).isTrue();
	}

	@Test
	void withinTheTimeBudgetNothingIsWithheld() {
		AtomicLong nanos = new AtomicLong();
		Redactor patient = Redactor.builder()
			.timeBudget(Duration.ofMillis(500))
			.ticker(() -> nanos.addAndGet(1_000L))
			.build();

		assertThat(patient.redact("password=hunter2 " + "x".repeat(10_000)).withheld()).isFalse();
	}

	@Test
	void redactsTheWholeIndentedBlockOfAYamlBlockScalarUnderASecretKey() {
		String values = "db:\n  password: |\n    first-line-of-it\n    second-line-of-it\n  host: db.internal\n";

		Redacted redacted = redactor.redact(values);

		assertThat(redacted.text()).isEqualTo("db:\n  password: |\n    [REDACTED:password]\n  host: db.internal\n");
		int start = values.indexOf("first");
		assertThat(redacted.findings()).containsExactly(new Finding("password", start, values.indexOf("\n  host")));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "|", "|-", "|+", ">", ">-", ">+", "|2", "|2-", "!!binary |", "| # rotated monthly" })
	void everyBlockScalarHeaderOpensABlockThatIsRedacted(String header) {
		String values = "client_secret: " + header + "\n  aB3dE5fG7hJ9kL1m\n  N3pQ5rS7tU9vW1xY\nnext: 1";

		assertThat(redactor.redact(values).text())
			.isEqualTo("client_secret: " + header + "\n  [REDACTED:secret]\nnext: 1");
	}

	@Test
	void blankLinesInsideABlockScalarDoNotEndIt() {
		String values = "token: |\n  aB3dE5fG7hJ9\n\n  kL1mN3pQ5rS7\n\nuser: svc";

		assertThat(redactor.redact(values).text()).isEqualTo("token: |\n  [REDACTED:secret]\n\nuser: svc");
	}

	@Test
	void aBlockScalarInAListItemEndsAtTheNextKeyOfItsMapping() {
		String values = "- name: pager\n  api_key: >-\n    aB3dE5fG7hJ9kL1m\n  url: https://pager.internal\n- name: chat";

		assertThat(redactor.redact(values).text()).isEqualTo(
				"- name: pager\n  api_key: >-\n    [REDACTED:secret]\n  url: https://pager.internal\n- name: chat");
	}

	@Test
	void aPlainScalarOnTheLineBelowASecretKeyIsRedacted() {
		assertThat(redactor.redact("auth:\n  password:\n    hunter2-but-longer\n  user: svc").text())
			.isEqualTo("auth:\n  password:\n    [REDACTED:password]\n  user: svc");
	}

	@Test
	void aPemKeyInABlockScalarIsOnePrivateKeyFinding() {
		String key = "-----BEGIN RSA PRIVATE KEY-----\n    MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn\n"
				+ "    -----END RSA PRIVATE KEY-----";

		Redacted redacted = redactor.redact("tls:\n  private_key: |\n    " + key + "\n  port: 443");

		assertThat(redacted.text()).isEqualTo("tls:\n  private_key: |\n    [REDACTED:private-key]\n  port: 443");
		assertThat(redacted.findings()).singleElement().extracting(Finding::kind).isEqualTo("private-key");
	}

	@ParameterizedTest
	@ValueSource(strings = { "run: |\n  echo deploying\n  ./deploy.sh\n",
			"description: >-\n  Rotates the database password\n  every 30 days.\n", "password: |\n  ${DB_PASSWORD}\n",
			"password:\n  secretKeyRef:\n    name: db\n    key: password\n", "password:\n  existingSecret: orders-db\n",
			"passwordPolicy: |\n  minLength: 12\n", "key: |\n  see the runbook for the rotation steps\n",
			"2024-01-15 10:30:00 ERROR failed to refresh token:\n    at dev.watchkeeper.X.run(X.java:12)\n",
			"password: |\nnot-indented-so-not-the-value\n" })
	void yamlBlocksThatHoldNoSecretStay(String text) {
		assertThat(redactor.redact(text).text()).isEqualTo(text);
	}

	@Test
	void everyDataValueOfAKubernetesSecretIsRedactedAndItsMetadataStays() {
		String yaml = """
				apiVersion: v1
				data:
				  DB_USER: YXBw
				  config.json: eyJ1cmwiOiJodHRwczovL2FwaSJ9
				kind: Secret
				metadata:
				  name: orders-db
				  namespace: prod
				type: Opaque
				""";

		assertThat(redactor.redact(yaml).text()).isEqualTo("""
				apiVersion: v1
				data:
				  DB_USER: [REDACTED:kubernetes-secret]
				  config.json: [REDACTED:kubernetes-secret]
				kind: Secret
				metadata:
				  name: orders-db
				  namespace: prod
				type: Opaque
				""");
	}

	@Test
	void stringDataBlocksAndTheLastAppliedAnnotationOfASecretAreRedacted() {
		String yaml = """
				apiVersion: v1
				kind: "Secret"
				metadata:
				  annotations:
				    kubectl.kubernetes.io/last-applied-configuration: |
				      {"kind":"Secret","stringData":{"endpoint":"x"}}
				  name: api
				stringData:
				  config.yaml: |
				    endpoint: https://api.internal
				    client: svc
				type: Opaque
				""";

		assertThat(redactor.redact(yaml).text()).isEqualTo("""
				apiVersion: v1
				kind: "Secret"
				metadata:
				  annotations:
				    kubectl.kubernetes.io/last-applied-configuration: |
				      [REDACTED:kubernetes-secret]
				  name: api
				stringData:
				  config.yaml: |
				    [REDACTED:kubernetes-secret]
				type: Opaque
				""");
	}

	@Test
	void inAListOnlyTheSecretItemsLoseTheirData() {
		String yaml = """
				items:
				- apiVersion: v1
				  data:
				    mode: cHJvZA==
				  kind: ConfigMap
				- apiVersion: v1
				  data:
				    mode: c2VjcmV0
				  kind: Secret
				- apiVersion: v1
				  data:
				    level: ZGVidWc=
				  kind: ConfigMap
				kind: List
				""";

		assertThat(redactor.redact(yaml).text())
			.isEqualTo(yaml.replace("mode: c2VjcmV0", "mode: [REDACTED:kubernetes-secret]"));
	}

	@Test
	void aConfigMapsDataStays() {
		String yaml = "apiVersion: v1\nkind: ConfigMap\ndata:\n  mode: cHJvZA==\n---\nkind: Secret\ndata:\n  mode: c2VjcmV0\n";

		assertThat(redactor.redact(yaml).text()).isEqualTo(
				"apiVersion: v1\nkind: ConfigMap\ndata:\n  mode: cHJvZA==\n---\nkind: Secret\ndata:\n  mode: [REDACTED:kubernetes-secret]\n");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					jdbc:sqlserver://db:1433;user=app;password=ab;cd,ef;encrypt=true | jdbc:sqlserver://db:1433;user=app;password=[REDACTED:connection-string-password];encrypt=true
					Server=x;User Id=y;Password=p@ss;w0rd;                         | Server=x;User Id=y;Password=[REDACTED:connection-string-password];
					Server=x;Password=correct horse battery staple;Database=app     | Server=x;Password=[REDACTED:connection-string-password];Database=app
					Server=x;Password=ab,cd; User Id=y                              | Server=x;Password=[REDACTED:connection-string-password]; User Id=y
					Server=x;Password=my pass phrase                                | Server=x;Password=[REDACTED:connection-string-password]
					`"Server=x;Password=ab cd" was refused`                         | `"Server=x;Password=[REDACTED:connection-string-password]" was refused`
					jdbc:postgresql://db/app?user=app&password=ab,cd;ef&ssl=true    | jdbc:postgresql://db/app?user=app&password=[REDACTED:connection-string-password]&ssl=true
					DB_PASSWORD=ab;cd,ef ./run.sh                                   | DB_PASSWORD=[REDACTED:password] ./run.sh
					`{user=svc, password=ab;cd, retries=3}`                         | `{user=svc, password=[REDACTED:password], retries=3}`
					user=bob,password=abcd,retries=3                                | user=bob,password=[REDACTED:password],retries=3
					`password=abcd, retrying in 5s`                                 | `password=[REDACTED:password], retrying in 5s`
					password=abcd;                                                  | password=[REDACTED:password];
					client_secret=q8Fz3kLm9vXw,Zq2 next                            | client_secret=[REDACTED:secret] next
					""")
	void aPasswordValueRunsToTheDelimiterThatStartsTheNextParameter(String text, String expected) {
		assertThat(redactor.redact(text).text()).isEqualTo(expected);
	}

	@Test
	void switchedOffDetectorsFindNothingAndTheOthersStillDo() {
		Redactor withoutPhones = Redactor.builder().disable("phone-number").disable("password").build();

		assertThat(
				withoutPhones.redact("order 020 7946 0958 by jane@example.com, password: |\n  hunter2-longer\n").text())
			.isEqualTo("order 020 7946 0958 by [REDACTED:email], password: |\n  hunter2-longer\n");
	}

	@Test
	void switchingOffAnUnknownDetectorNamesTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().disable("phone"))
			.withMessageStartingWith("unknown detector 'phone'; the built-in detectors are ")
			.withMessageContaining("phone-number")
			.withMessageContaining("ip-address")
			.withMessageContaining("kubernetes-secret");
	}

	@Test
	void ipAddressesCannotBeSwitchedOnAndOffAtOnce() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Redactor.builder().redactIpAddresses(true).disable("ip-address").build())
			.withMessageContaining("ip-address");
	}

	@Test
	void builtInKindsAreTheNamesInPlaceholders() {
		assertThat(Redactor.builtInKinds())
			.contains("password", "secret", "kubernetes-secret", "private-key", "ip-address", "email")
			.doesNotContain("withheld");
	}

	@ParameterizedTest
	@ValueSource(strings = { "(a+)+b", "(?:\\w+\\s?)*x", "(a*)*", "(?:[a-z]{1,64}\\.)+com", "((ab)*c)+",
			"(?<word>[A-Z]\\d+){2,}", "(?i:(?:x+y)+)z", "((?:a|b)+)*c", "(\\p{L}+-)+" })
	void customPatternsWithNestedRepetitionAreRefused(String regex) {
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().detector("acme", regex))
			.withMessageContaining("custom detector 'acme' repeats a group that holds a repeated part")
			.withMessageContaining("possessive");
		assertThatIllegalArgumentException().isThrownBy(() -> Redactor.builder().allowPattern(regex))
			.withMessageContaining("allow-list pattern");
	}

	@ParameterizedTest
	@ValueSource(strings = { "acme_[a-z0-9]{32}", "(a++)+b", "(a+)++b", "(?>a+)+b", "(a+)?b", "(ab{3})+", "(ab?)+c",
			"[(a+)+]x", "\\(a+\\)+", "\\Q(a+)+\\E", "employee=(?<secret>E\\d{6})", "(?i)token=\\w+",
			"(?:[a-z]{1,64}+\\.)+com", "[\\w.]+@example\\.com" })
	void customPatternsWithoutNestedRepetitionAreAccepted(String regex) {
		assertThat(Redactor.builder().detector("acme", regex).build()).isNotNull();
	}

	@Test
	void aCatastrophicAllowPatternIsStoppedByTheTimeBudgetToo() {
		AtomicLong nanos = new AtomicLong();
		Redactor.Builder builder = Redactor.builder()
			.timeBudget(Duration.ofMillis(500))
			.ticker(() -> nanos.addAndGet(1_000_000L));
		// adjacent overlapping quantifiers: polynomial of high degree, which the
		// nested-quantifier guard does not see
		builder.allowPattern("a*a*a*a*a*b");

		Redacted redacted = builder.build().redact("password=" + "a".repeat(1000));

		assertThat(redacted.withheld()).isTrue();
	}

	@Test
	void findingsAreInTextOrder() {
		Redacted redacted = redactor.redact("b@example.com " + AWS_KEY_ID + " a@example.com");

		assertThat(redacted.findings()).extracting(Finding::kind)
			.containsExactly("email", "aws-access-key-id", "email");
		assertThat(redacted.findings()).isSortedAccordingTo((x, y) -> Integer.compare(x.start(), y.start()));
	}

	@Test
	void redactedFindingsListIsImmutable() {
		Redacted redacted = redactor.redact("key " + AWS_KEY_ID);

		assertThat(redacted.findings()).isUnmodifiable();
		assertThat(List.copyOf(redacted.findings())).hasSize(1);
	}

}
