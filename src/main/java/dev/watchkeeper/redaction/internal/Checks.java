package dev.watchkeeper.redaction.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Second opinions on a regular-expression match: checksums (Luhn, IBAN mod 97) and the
 * "does this look random?" heuristics that keep identifiers (git SHAs, UUIDs, pod names,
 * slugs) from being taken for secrets.
 */
final class Checks {

	private Checks() {
	}

	/**
	 * Values that stand in for a secret without being one: {@code password: null},
	 * {@code token: ${TOKEN}}.
	 */
	private static final Set<String> NOT_SECRETS = Set.of("null", "nil", "none", "true", "false", "undefined", "empty",
			"redacted", "hidden", "masked", "secret", "password", "required", "optional", "string", "yes", "no", "n/a",
			"na", "-", "?", "%s", "{}", "[]", "<nil>");

	/**
	 * Whether an assigned value ({@code password=VALUE}) is a real value rather than an
	 * empty or masked one, a template reference, or a placeholder.
	 */
	static boolean isAssignedSecret(String value) {
		String v = value.strip();
		if (v.isEmpty() || NOT_SECRETS.contains(v.toLowerCase(Locale.ROOT))) {
			return false;
		}
		if (v.startsWith("${") || v.startsWith("{{") || v.startsWith("$(") || v.startsWith("<")
				|| v.startsWith("[REDACTED") || v.startsWith("%(")) {
			return false; // a reference to a secret kept elsewhere, or already redacted
		}
		if (YAML_BLOCK_HEADER.matcher(v).matches()) {
			return false; // password: | opens a block; YamlBlockDetector takes the lines
							// below
		}
		return !isMask(v);
	}

	/**
	 * What a one-line detector sees as the value of {@code password: |} or
	 * {@code token: !!binary |}: a block scalar's indicators, or its tag.
	 */
	private static final Pattern YAML_BLOCK_HEADER = Pattern.compile("[|>][1-9+-]{0,2}|!!(?:str|binary)");

	/** {@code ****}, {@code xxxxxx}, {@code ••••}: a value someone already masked. */
	private static boolean isMask(String v) {
		for (int i = 0; i < v.length(); i++) {
			char c = v.charAt(i);
			if (c != '*' && c != 'x' && c != 'X' && c != '•' && c != '#') {
				return false;
			}
		}
		return true;
	}

	/** Shannon entropy in bits per character. */
	static double entropy(String s) {
		Map<Character, Integer> counts = new java.util.HashMap<>();
		for (int i = 0; i < s.length(); i++) {
			counts.merge(s.charAt(i), 1, Integer::sum);
		}
		double bits = 0;
		for (int count : counts.values()) {
			double p = (double) count / s.length();
			bits -= p * (Math.log(p) / Math.log(2));
		}
		return bits;
	}

	/**
	 * Whether a value looks machine-generated (a key, a token) rather than like a word, a
	 * slug, a version or an identifier. Random base62 text of 16+ characters mixes
	 * character classes and has high entropy; a slug such as {@code user-profile-12345}
	 * or a pod name splits into segments that are each plain lower-case or digits.
	 */
	static boolean looksRandom(String v) {
		if (v.length() < 16 || isUuid(v)) {
			return false;
		}
		boolean lower = false;
		boolean upper = false;
		boolean digit = false;
		boolean hexOnly = true;
		for (int i = 0; i < v.length(); i++) {
			char c = v.charAt(i);
			lower |= c >= 'a' && c <= 'z';
			upper |= c >= 'A' && c <= 'Z';
			digit |= c >= '0' && c <= '9';
			hexOnly &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
		}
		if (hexOnly) {
			return v.length() >= 32 && digit && entropy(v) >= 3.0;
		}
		int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0);
		if (classes < 2 || isSlug(v)) {
			return false;
		}
		double threshold = Math.min(4.0, Math.log(v.length()) / Math.log(2) - 0.7);
		return entropy(v) >= threshold;
	}

	/**
	 * Segments split on {@code - _ .} that are each all lower-case letters, all
	 * upper-case or all digits.
	 */
	private static boolean isSlug(String v) {
		int segmentStart = 0;
		for (int i = 0; i <= v.length(); i++) {
			if (i == v.length() || v.charAt(i) == '-' || v.charAt(i) == '_' || v.charAt(i) == '.') {
				if (!isPlainSegment(v, segmentStart, i)) {
					return false;
				}
				segmentStart = i + 1;
			}
		}
		return true;
	}

	private static boolean isPlainSegment(String v, int from, int to) {
		boolean lower = true;
		boolean upper = true;
		boolean digits = true;
		for (int i = from; i < to; i++) {
			char c = v.charAt(i);
			lower &= c >= 'a' && c <= 'z';
			upper &= c >= 'A' && c <= 'Z';
			digits &= c >= '0' && c <= '9';
		}
		return lower || upper || digits;
	}

	static boolean isUuid(String v) {
		if (v.length() != 36) {
			return false;
		}
		for (int i = 0; i < 36; i++) {
			char c = v.charAt(i);
			boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
			if (dash ? c != '-' : Character.digit(c, 16) < 0) {
				return false;
			}
		}
		return true;
	}

	static boolean hasUpperAndLower(String v) {
		return !v.equals(v.toLowerCase(Locale.ROOT)) && !v.equals(v.toUpperCase(Locale.ROOT));
	}

	static String digitsOf(String v) {
		StringBuilder digits = new StringBuilder(v.length());
		for (int i = 0; i < v.length(); i++) {
			char c = v.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		return digits.toString();
	}

	/** The Luhn checksum every payment card number carries. */
	static boolean luhn(String digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int d = digits.charAt(i) - '0';
			if (doubled) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	/**
	 * A payment card: 13-19 digits, a known issuer prefix (Visa 4, Mastercard
	 * 51-55/2221-2720, Amex 34/37, Discover 6011/64/65, JCB 35, Diners 30/36/38, UnionPay
	 * 62, Maestro 50/56-58/67) and a valid Luhn checksum. The issuer check removes epoch
	 * timestamps (which start with 1) and most numeric ids; Luhn removes 90% of the rest.
	 */
	static boolean isPaymentCard(String matched) {
		String d = digitsOf(matched);
		if (d.length() < 13 || d.length() > 19 || !luhn(d)) {
			return false;
		}
		int two = Integer.parseInt(d.substring(0, 2));
		int four = Integer.parseInt(d.substring(0, 4));
		return d.charAt(0) == '4' || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) || two == 34
				|| two == 37 || four == 6011 || two == 64 || two == 65 || two == 35 || two == 30 || two == 36
				|| two == 38 || two == 62 || two == 50 || (two >= 56 && two <= 58) || two == 67;
	}

	/**
	 * IBAN length per country (ISO 13616 registry), for the countries most likely to
	 * appear.
	 */
	private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(Map.entry("AD", 24), Map.entry("AE", 23),
			Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
			Map.entry("CH", 21), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18),
			Map.entry("EE", 20), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27),
			Map.entry("GB", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("HR", 21),
			Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IS", 26), Map.entry("IT", 27),
			Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LI", 21), Map.entry("LT", 20),
			Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MT", 31), Map.entry("MU", 30),
			Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("QA", 29),
			Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SE", 24), Map.entry("SI", 19),
			Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22));

	/** An IBAN: known country, its exact length, and the ISO 7064 mod-97 check digits. */
	static boolean isIban(String matched) {
		String iban = matched.replace(" ", "");
		Integer length = IBAN_LENGTHS.get(iban.substring(0, 2));
		if (length == null || iban.length() != length) {
			return false;
		}
		String rearranged = iban.substring(4) + iban.substring(0, 4);
		int remainder = 0;
		for (int i = 0; i < rearranged.length(); i++) {
			int value = Character.digit(rearranged.charAt(i), 36);
			if (value < 0) {
				return false;
			}
			remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
		}
		return remainder == 1;
	}

	/** A phone number has 7 to 15 digits (E.164 allows at most 15). */
	static boolean isPhoneLength(String matched, int min, int max) {
		int digits = digitsOf(matched).length();
		return digits >= min && digits <= max;
	}

	/**
	 * An IPv6 address in full or {@code ::}-compressed form: at most 8 groups of 1-4 hex
	 * digits, exactly 8 without {@code ::}. Rules out times ({@code 10:30:00}), MAC
	 * addresses (6 groups) and C++ scopes.
	 */
	static boolean isIpv6(String v) {
		int doubleColon = v.indexOf("::");
		if (doubleColon >= 0 && v.indexOf("::", doubleColon + 1) >= 0) {
			return false;
		}
		String[] groups = v.split(":", -1);
		int nonEmpty = 0;
		for (String group : groups) {
			if (group.length() > 4) {
				return false;
			}
			if (!group.isEmpty()) {
				nonEmpty++;
			}
		}
		if (doubleColon < 0) {
			return groups.length == 8 && nonEmpty == 8;
		}
		return nonEmpty <= 7 && (nonEmpty >= 2 || v.equals("::1") || v.startsWith("fe80") || v.equals("::"))
				&& !v.equals("::");
	}

}
