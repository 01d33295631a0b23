package dev.watchkeeper.redaction.internal;

import dev.watchkeeper.redaction.internal.RegexDetector.Continuation;
import dev.watchkeeper.redaction.internal.Starts.CharClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The catalogue of built-in detectors, each with its pattern and the reason for its
 * shape. Every pattern starts on a boundary (a negative look-behind, so a scan inside a
 * long run of letters fails on the first character) and uses only bounded or possessive
 * quantifiers, so a failed match never backtracks over more than a constant number of
 * characters: scanning is linear in the text. {@code docs/redaction.md} has the same list
 * as a table.
 */
public final class BuiltInDetectors {

	/** Priorities: lower wins an overlap. */
	static final int TOKEN_FORMAT = 10;

	static final int STRUCTURED = 20;

	static final int ASSIGNMENT = 30;

	static final int HIGH_ENTROPY = 40;

	static final int PERSONAL = 50;

	/** Detectors at or after this priority find personal data rather than secrets. */
	public static final int PERSONAL_DATA_PRIORITY = PERSONAL - 1;

	static final int NETWORK = 60;

	/**
	 * Separator between a key and its value: {@code =}, {@code :}, {@code =>}, with
	 * optional closing quote.
	 */
	private static final String ASSIGN = "(?:\\\\?[\"'])?[ \\t]*(?:=>|:=|[:=])[ \\t]*";

	/**
	 * An assigned value: double-, single- or JSON-escaped-quoted (quotes are stripped
	 * afterwards), else a run of characters up to whitespace or a delimiter. Not across
	 * line breaks: {@code password:} at the end of a YAML line opens a block, it is not a
	 * value.
	 */
	private static final String VALUE = "(?<secret>\\\\\"[^\"\\\\\\r\\n]{0,1024}+\\\\\"|\"[^\"\\r\\n]{0,1024}+\"|'[^'\\r\\n]{0,1024}+'|[^\\s\"'`,;&]{1,1024}+)";

	/**
	 * A connection-string value: quoted, in ODBC braces, or a run up to {@code ;},
	 * {@code &} or a blank (where {@link Continuation} takes over).
	 */
	private static final String CONNECTION_VALUE = "(?<secret>\"[^\"\\r\\n]{0,1024}+\"|'[^'\\r\\n]{0,1024}+'|\\{[^}\\r\\n]{0,1024}+\\}|[^;&\\s\"']{1,1024}+)";

	private static final CharClass DIGIT = CharClass.DIGIT;

	private static final CharClass UPPER = CharClass.UPPER;

	private static final CharClass WORD = CharClass.WORD;

	private static final CharClass HEX = CharClass.of("0123456789abcdefABCDEF");

	private BuiltInDetectors() {
	}

	/** All built-in detectors; IP addresses only if asked for. */
	public static List<Detector> all(boolean ipAddresses) {
		List<Detector> detectors = new ArrayList<>();
		detectors.addAll(tokenFormats());
		detectors.addAll(structured());
		detectors.addAll(assignments());
		detectors.addAll(personalData());
		if (ipAddresses) {
			detectors.addAll(ipAddresses());
		}
		return List.copyOf(detectors);
	}

	/**
	 * Every kind a built-in detector can report, {@code ip-address} included: the names
	 * that can be switched off.
	 */
	public static Set<String> kinds() {
		Set<String> kinds = new TreeSet<>();
		all(true).forEach(detector -> kinds.addAll(detector.kinds()));
		return kinds;
	}

	/**
	 * Secrets recognisable by their own shape, usually a vendor prefix: no context
	 * needed, no false positives.
	 */
	private static List<Detector> tokenFormats() {
		return List.of(
				// AWS access key ids: AKIA (long-term), ASIA (STS temporary), ABIA/ACCA;
				// 4+16 upper-case base32.
				regex("aws-access-key-id", TOKEN_FORMAT, Starts.keywords("akia", "asia", "abia", "acca"),
						"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
				// Google API keys: "AIza" + 35 base64url characters.
				regex("gcp-api-key", TOKEN_FORMAT, Starts.keywords("aiza"),
						"(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"),
				// GitHub: classic ghp_/gho_/ghu_/ghs_/ghr_ + 36 base62; fine-grained
				// github_pat_ + 82 chars.
				regex("github-token", TOKEN_FORMAT,
						Starts.keywords("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
						"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}+|github_pat_[A-Za-z0-9_]{22,251}+)(?![A-Za-z0-9_])"),
				// GitLab: personal/deploy/runner/trigger/feed/... tokens, "glpat-" + 20+
				// chars, newer ones dotted.
				regex("gitlab-token", TOKEN_FORMAT,
						Starts.keywords("glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glsoat-", "glcbt-", "glimt-",
								"gloas-"),
						"(?<![A-Za-z0-9_-])(?:glpat|gldt|glrt|glptt|glft|glsoat|glcbt|glimt|gloas)-[A-Za-z0-9_-]{20,}+(?:\\.[A-Za-z0-9_-]{1,64}+){0,4}+"),
				// Slack bot/user/app/config/refresh tokens: xoxb-, xoxp-, xoxa-, xoxo-,
				// xoxs-, xoxr-, xoxe-, xapp-.
				regex("slack-token", TOKEN_FORMAT, Starts.keywords("xox", "xapp-"),
						"(?<![A-Za-z0-9-])(?:xox[abposre]|xoxe\\.xox[bp]|xapp)-[A-Za-z0-9-]{10,}+"),
				// Slack incoming webhooks: the URL is the credential, so all of it goes.
				regex("slack-webhook-url", TOKEN_FORMAT,
						Starts.keywords("https://hooks.slack.com", "http://hooks.slack.com"),
						"https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{8,}+"),
				// Vault service (hvs.), batch (hvb.) and recovery (hvr.) tokens.
				regex("vault-token", TOKEN_FORMAT, Starts.keywords("hvs.", "hvb.", "hvr."),
						"(?<![A-Za-z0-9._-])hv[sbr]\\.[A-Za-z0-9_-]{24,}+"),
				// Legacy Vault service tokens: "s." + exactly 24 base62 (mixed case,
				// which a file name rarely is).
				regex("vault-token", TOKEN_FORMAT, Starts.keywords("s."),
						"(?<![A-Za-z0-9._/-])s\\.[A-Za-z0-9]{24}(?![A-Za-z0-9._-])",
						(key, value) -> Checks.hasUpperAndLower(value.substring(2))),
				// Stripe secret and restricted keys (publishable pk_ keys are public) and
				// webhook signing secrets.
				regex("stripe-key", TOKEN_FORMAT,
						Starts.keywords("sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"),
						"(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}+|whsec_[A-Za-z0-9+/=]{24,}+)"),
				// JWTs: base64url JSON header (always "eyJ" = '{"'), payload, and a
				// signature that may be empty.
				regex("jwt", TOKEN_FORMAT, Starts.keywords("eyj"),
						"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]*+"));
	}

	/**
	 * Secrets recognised by the structure around them: key files, connection strings,
	 * headers.
	 */
	private static List<Detector> structured() {
		return List.of(
				// GCP service-account JSON: the PEM key inside "private_key", with its \n
				// escapes (possibly escaped
				// twice when the JSON sits in another JSON string); unrolled loop,
				// possessive, so linear, and bounded (a key
				// has ~50 escaped line breaks) because java.util.regex recurses once per
				// repetition of a group.
				regex("gcp-service-account-key", TOKEN_FORMAT - 1, Starts.keywords("private_key"),
						"(?<=\")private_key\\\\?\"[ \\t]*:[ \\t]*\\\\?\"(?<secret>-----BEGIN[^\"\\\\]*+(?:\\\\[^\"][^\"\\\\]*+){0,400}+)"),
				new PemPrivateKeyDetector(TOKEN_FORMAT),
				// kubectl get secret -o yaml, Secret manifests: every data value, by the
				// document's kind rather than the key's name (a hand-written line
				// scanner).
				new KubernetesSecretDetector(),
				// AWS secret access keys are 40 base64 characters, the same shape as many
				// harmless strings, so only
				// next to their name (aws_secret_access_key=, SecretAccessKey:) ...
				regex("aws-secret-access-key", TOKEN_FORMAT + 1, Starts.keywords("aws", "secret"),
						"(?i:aws[_.-]?secret(?:[_.-]?access)?[_.-]?key|secret[_.-]?access[_.-]?key)" + ASSIGN
								+ "(?:\\\\?[\"'])?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
				// ... or right after an access key id (credentials CSV, "aws configure"
				// output).
				regex("aws-secret-access-key", TOKEN_FORMAT + 1, Starts.keywords("akia", "asia"),
						"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}[ \\t,;:|\"']{1,6}(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
				// Azure storage account keys (88 base64 characters) in connection
				// strings.
				regex("azure-storage-key", TOKEN_FORMAT + 1, Starts.keywords("accountkey"),
						"(?i:AccountKey)[ \\t]*=[ \\t]*(?<secret>[A-Za-z0-9+/]{20,}+={0,2})"),
				// Azure Service Bus / Event Hubs / IoT connection strings.
				regex("azure-shared-access-key", TOKEN_FORMAT + 1, Starts.keywords("sharedaccesskey"),
						"(?i:SharedAccessKey)[ \\t]*=[ \\t]*(?<secret>[A-Za-z0-9+/]{20,}+={0,2})"),
				// Azure SAS tokens: the signature parameter of a shared access signature
				// URL.
				regex("azure-sas-signature", TOKEN_FORMAT + 1, Starts.keywords("sig="),
						"(?<=[?&;])sig=(?<secret>[A-Za-z0-9%+/=_-]{16,}+)"),
				// Passwords in URLs: scheme://user:password@host. Only the password goes;
				// the user and host are
				// what an engineer needs to see. Greedy to the last '@' before the path,
				// since passwords contain '@'.
				regex("url-credentials", STRUCTURED, Starts.keywords("://"),
						"(?<=[A-Za-z0-9])://[^\\s:/@?#]{0,256}+:(?<secret>[^\\s/?#]{1,512})@",
						(key, value) -> Checks.isAssignedSecret(value)),
				// Database connection strings in key=value form (ADO.NET, JDBC SQL
				// Server): after a ';' the value runs to the ';' that starts the next
				// key=, spaces and commas included (RegexDetector.Continuation).
				regex("connection-string-password", STRUCTURED, Starts.keywords("password", "pwd"),
						"(?<=;[ \\t]{0,8})(?i:password|pwd)[ \\t]*=[ \\t]*" + CONNECTION_VALUE,
						(key, value) -> Checks.isAssignedSecret(value), true)
					.continuing(Continuation.CONNECTION_STRING),
				// ... and JDBC/ODBC query parameters (?password=...&), which a URL
				// cannot hold spaces in.
				regex("connection-string-password", STRUCTURED, Starts.keywords("password", "pwd"),
						"(?<=[?&])(?i:password|pwd)[ \\t]*=[ \\t]*" + CONNECTION_VALUE,
						(key, value) -> Checks.isAssignedSecret(value), true)
					.continuing(Continuation.ACROSS_DELIMITERS),
				// Authorization headers: whatever follows Bearer/Token, whatever it looks
				// like.
				regex("bearer-token", STRUCTURED, Starts.keywords("authorization"),
						"(?i:authorization)" + ASSIGN
								+ "(?:\\\\?[\"'])?(?i:bearer|token)[ \\t]+(?<secret>[^\\s\"'\\\\,;]{1,4096}+)",
						(key, value) -> Checks.isAssignedSecret(value)),
				// "Bearer xyz" without the header name (curl commands, error messages):
				// only if xyz looks random,
				// so "bearer authentication failed" stays.
				regex("bearer-token", STRUCTURED + 1, Starts.keywords("bearer"),
						"(?<![A-Za-z0-9])(?i:bearer)[ \\t]+(?<secret>[A-Za-z0-9._~+/-]{16,4096}+=*+)",
						(key, value) -> Checks.looksRandom(value)),
				// Basic credentials: base64 of user:password.
				regex("basic-auth", STRUCTURED, Starts.keywords("authorization"), "(?i:authorization)" + ASSIGN
						+ "(?:\\\\?[\"'])?(?i:basic)[ \\t]+(?<secret>[A-Za-z0-9+/]{4,4096}+=*+)"));
	}

	/** key=value, JSON and YAML assignments whose key names a secret. */
	private static List<Detector> assignments() {
		return List.of(
				// password, passwd, passphrase, pwd, pass (whole word) as the end of a
				// key: DB_PASSWORD=,
				// "dbPassword":, password: ... $PWD holds a directory, not a password.
				regex("password", ASSIGNMENT, Starts.keywords("pass", "pwd"),
						"(?<key>(?i:password|passwd|passphrase|(?<![A-Za-z])pass|pwd))" + ASSIGN + VALUE,
						(key, value) -> Checks.isAssignedSecret(value)
								&& !(key.equalsIgnoreCase("pwd") && value.startsWith("/")),
						true)
					.continuing(Continuation.ACROSS_DELIMITERS),
				// secret, token, api key, access key, private key, credentials as the end
				// of a key. A key that goes on
				// (token_count, secretName, secret_ref) is not matched: the separator
				// must follow at once. Helm's existingSecret names a Secret, it is not
				// one.
				regex("secret", ASSIGNMENT,
						Starts.keywords("secret", "token", "api", "access", "private", "credential"),
						"(?<!(?i:existing)[_.-]?)(?<key>(?i:secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|credentials?))"
								+ ASSIGN + VALUE,
						(key, value) -> Checks.isAssignedSecret(value) && !Checks.isUuid(value), true)
					.continuing(Continuation.ACROSS_DELIMITERS),
				// Kubernetes env lists: "- name: DB_PASSWORD" with the value on the next
				// line ("value: ...").
				regex("secret", ASSIGNMENT, Starts.keywords("name"),
						"(?<![A-Za-z0-9_])(?i:name)[ \\t]*:[ \\t]*[\"']?[A-Za-z0-9_.-]{0,64}?"
								+ "(?i:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)"
								+ "[\"']?[ \\t]*\\r?\\n[ \\t]*(?:- )?value[ \\t]*:[ \\t]*" + VALUE,
						(key, value) -> Checks.isAssignedSecret(value), true),
				// Values on the lines below a secret-named YAML key: block scalars
				// (password: |, private_key: >-) and continued plain scalars; a
				// hand-written line scanner.
				new YamlBlockDetector(),
				// Weaker key names (signing_key, session, cookie, salt, hmac, signature):
				// only high-entropy values,
				// so cache_key: user-42 and signature: valid stay.
				regex("high-entropy-secret", HIGH_ENTROPY,
						Starts.keywords("key", "auth", "signature", "salt", "seed", "session", "cookie", "hmac", "otp"),
						"(?<key>(?i:key|auth|signature|salt|seed|session|cookie|hmac|otp))" + ASSIGN + VALUE,
						(key, value) -> Checks.looksRandom(value), true));
	}

	/** Personal data: who someone is or how to reach or charge them. */
	private static List<Detector> personalData() {
		return List.of(
				// E-mail: local part, '@', 1-8 dot-separated labels and an alphabetic
				// top-level domain. git@host is an
				// SSH remote, not a person.
				regex("email", PERSONAL, Starts.EMAIL_LOCAL_PARTS,
						"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}+@(?:[A-Za-z0-9-]{1,63}+\\.){1,8}+[A-Za-z]{2,24}+(?![A-Za-z0-9-])",
						(key, value) -> !value.startsWith("git@")),
				// International numbers: +country, then groups of digits with optional
				// separators; 8-15 digits.
				regex("phone-number", PERSONAL, Starts.keywords("+"),
						"(?<![\\w+])\\+[1-9]\\d{0,2}+(?:[ .-]?\\(\\d{1,4}+\\))?(?:[ .-]?\\d{1,5}+){2,6}+(?![\\w-]|[.,]\\d)",
						(key, value) -> Checks.isPhoneLength(value, 8, 15)),
				// North American numbers: (555) 123-4567, 555-123-4567, 555.123.4567 (one
				// separator style).
				regex("phone-number", PERSONAL, Starts.runs(DIGIT.or(CharClass.of("(")), WORD.or(CharClass.of(".+-"))),
						"(?<![\\w.+-])(?:\\(\\d{3}\\)[ ]?\\d{3}[-.]\\d{4}|\\d{3}([-.])\\d{3}\\1\\d{4})(?![\\w-]|[.,]\\d)"),
				// European national numbers: a trunk 0 and separated groups (020 7946
				// 0958, 06 12 34 56 78,
				// 0171 1234567); 9-12 digits. Dates and times are excluded by their
				// separators and digit counts.
				regex("phone-number", PERSONAL, Starts.runs(CharClass.of("0"), WORD.or(CharClass.of(".+/:-"))),
						"(?<![\\w.+/:-])(?<!\\d[ /-])0[1-9]\\d{0,3}+(?:[ /-]\\d{2,8}+){1,4}+(?![\\w-]|[.,:]\\d|[ /-]\\d)",
						(key, value) -> Checks.isPhoneLength(value, 9, 12)),
				// Numbers next to the word phone/tel/mobile, in any of the shapes above
				// or none.
				regex("phone-number", PERSONAL, Starts.keywords("phone", "tel", "mobile", "cell"),
						"(?<![A-Za-z])(?i:phone|tel(?:ephone)?|mobile|cell(?:phone)?)(?:[ _-]?(?i:number|no))?(?![A-Za-z])[^\\d\\r\\n]{0,12}+(?<secret>\\+?\\(?\\d[\\d ().-]{5,20}\\d)",
						(key, value) -> Checks.isPhoneLength(value, 7, 15)),
				// Payment cards: 13-19 digits in one separator style, then issuer prefix
				// and Luhn checked.
				regex("payment-card", PERSONAL - 1, Starts.runs(DIGIT, WORD.or(CharClass.of(".+-"))),
						"(?<![\\w.+-])(?:\\d{4}([ -]?)\\d{4}\\1\\d{4}\\1\\d{1,7}+|\\d{4}([ -]?)\\d{6}\\2\\d{4,5}+)(?![\\w]|[.,-]\\d)",
						(key, value) -> Checks.isPaymentCard(value)),
				// IBANs: country, check digits, up to 30 alphanumerics in optional groups
				// of 4; length and mod 97.
				regex("iban", PERSONAL - 1, Starts.runs(UPPER, WORD),
						"(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}+(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])",
						(key, value) -> Checks.isIban(value)));
	}

	/** Off by default: on-call engineers need addresses to work an incident. */
	private static List<Detector> ipAddresses() {
		String octet = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
		return List.of(
				regex("ip-address", NETWORK, Starts.runs(DIGIT, WORD.or(CharClass.of("."))),
						"(?<![\\w.])" + octet + "(?:\\." + octet + "){3}+(?![\\w]|\\.\\d)"),
				regex("ip-address", NETWORK, Starts.runs(HEX.or(CharClass.of(":")), WORD.or(CharClass.of(":"))),
						"(?<![\\w:])[0-9A-Fa-f]{0,4}+(?::[0-9A-Fa-f]{0,4}+){2,7}+(?![\\w:])",
						(key, value) -> Checks.isIpv6(value)));
	}

	private static Detector regex(String kind, int priority, Starts starts, String regex) {
		return regex(kind, priority, starts, regex, RegexDetector.Check.ANY);
	}

	private static Detector regex(String kind, int priority, Starts starts, String regex, RegexDetector.Check check) {
		return regex(kind, priority, starts, regex, check, false);
	}

	private static RegexDetector regex(String kind, int priority, Starts starts, String regex,
			RegexDetector.Check check, boolean unquote) {
		return new RegexDetector(kind, priority, starts, Pattern.compile(regex), check, unquote);
	}

}
