package dev.watchkeeper.redaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Throughput of {@link Redactor} on log text with and without secrets, and proof of
 * linear time on adversarial input: each adversarial text is redacted at 100, 200, 400
 * and 800 KB; linear matching shows as a time ratio near 8 between the largest and the
 * smallest (quadratic would be 64). Run with
 * {@code ./mvnw -B -o -Pbench test -Dtest=RedactorBenchmark}; numbers go to
 * BENCHMARKS.md. Prints, asserts nothing about time (machines differ).
 */
class RedactorBenchmark {

	private static final int MB = 1024 * 1024;

	private final Redactor redactor = Redactor.standard();

	private final Redactor withIps = Redactor.builder().redactIpAddresses(true).build();

	@Test
	void throughputAndLinearity() {
		StringBuilder report = new StringBuilder();
		String mixed = logText(4 * MB, 0.05, new Random(1));
		String clean = logText(4 * MB, 0.0, new Random(2));
		report.append("| input | mode | MB/s | findings |\n|---|---|---:|---:|\n");
		report.append(throughput("mixed log text (5% of lines with a secret)", "64 KB blocks", mixed, true));
		report.append(throughput("mixed log text (5% of lines with a secret)", "line by line", mixed, false));
		report.append(throughput("log text without secrets", "64 KB blocks", clean, true));
		report.append(throughput("log text without secrets", "line by line", clean, false));
		report.append("\n| adversarial input (IP detectors on) | 100 KB ms | 200 KB ms | 400 KB ms | 800 KB ms | "
				+ "800/100 | withheld |\n|---|---:|---:|---:|---:|---:|---|\n");
		adversarial().forEach((name, generator) -> report.append(linearity(name, generator)));
		System.out.println("\n## Redaction benchmark\n\n" + report);
	}

	private String throughput(String input, String mode, String text, boolean blocks) {
		List<String> pieces = blocks ? blocks(text, 64 * 1024) : text.lines().toList();
		long findings = 0;
		for (int warmup = 0; warmup < 3; warmup++) {
			findings = redactAll(pieces);
		}
		int rounds = 5;
		long start = System.nanoTime();
		for (int round = 0; round < rounds; round++) {
			redactAll(pieces);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double megabytes = rounds * (double) text.getBytes(StandardCharsets.UTF_8).length / MB;
		return String.format("| %s | %s | %.1f | %d |%n", input, mode, megabytes / seconds, findings);
	}

	private long redactAll(List<String> pieces) {
		long findings = 0;
		for (String piece : pieces) {
			findings += redactor.redact(piece).findings().size();
		}
		return findings;
	}

	private String linearity(String name, IntFunction<String> generator) {
		int[] sizes = { 100 * 1024, 200 * 1024, 400 * 1024, 800 * 1024 };
		double[] millis = new double[sizes.length];
		boolean withheld = false;
		for (int i = 0; i < sizes.length; i++) {
			String text = generator.apply(sizes[i]);
			withheld |= withIps.redact(text).withheld(); // warm-up, and the check that it
															// finished in budget
			double[] runs = new double[3];
			for (int run = 0; run < runs.length; run++) {
				long start = System.nanoTime();
				withIps.redact(text);
				runs[run] = (System.nanoTime() - start) / 1e6;
			}
			Arrays.sort(runs);
			millis[i] = runs[1];
		}
		return String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s |%n", name, millis[0], millis[1], millis[2],
				millis[3], millis[3] / millis[0], withheld ? "YES" : "no");
	}

	private static Map<String, IntFunction<String>> adversarial() {
		Map<String, IntFunction<String>> inputs = new LinkedHashMap<>();
		inputs.put("`a` repeated (no match at all)", n -> "a".repeat(n));
		inputs.put("one run of digits", n -> "7".repeat(n));
		inputs.put("digits and spaces `1 2 3 `", n -> repeat("1 2 3 ", n));
		inputs.put("near-phone `+1 55 `", n -> repeat("+1 55 ", n));
		inputs.put("near-phone `0 12 34 `", n -> repeat("0 12 34 ", n));
		inputs.put("near-card `4111 1111 1111 `", n -> repeat("4111 1111 1111 ", n));
		inputs.put("near-IBAN `DE89 3704 `", n -> repeat("DE89 3704 ", n));
		inputs.put("near-AWS `AKIA` + 15", n -> repeat("AKIAABCDEFGHIJKLMNO ", n));
		inputs.put("`ghp_` + endless token", n -> "ghp_" + "a".repeat(n));
		inputs.put("`eyJ` segments without signature", n -> repeat("eyJhbGciOiJIUzI1NiJ9.", n));
		inputs.put("`password=` without value", n -> repeat("password= ", n));
		inputs.put("`password` without separator", n -> repeat("password", n));
		inputs.put("`key: ` + low-entropy value", n -> repeat("key: aaaaaaaaaaaaaaaaaaaaaaaa ", n));
		inputs.put("`Bearer ` + endless word", n -> "Bearer " + "a".repeat(n));
		inputs.put("`://user:` without `@`", n -> repeat("x://user:pass:", n));
		inputs.put("`a@` without domain", n -> repeat("a@", n));
		inputs.put("`a@` + endless labels", n -> "a@" + repeat("b.", n));
		inputs.put("`-----BEGIN ` headers", n -> repeat("-----BEGIN ", n));
		inputs.put("private key header, no end", n -> "-----BEGIN PRIVATE KEY-----\n" + repeat("QUJD\n", n));
		inputs.put("`\"private_key\": \"-----BEGIN` + escapes",
				n -> "\"private_key\": \"-----BEGIN" + repeat("\\n", n));
		inputs.put("IPv6-like `1:1:1:`", n -> repeat("1:1:1:", n));
		inputs.put("`s.` near-Vault", n -> repeat("s.abc ", n));
		// YAML blocks and Kubernetes Secrets (hand-written line scanners)
		inputs.put("`password: |` headers, no block", n -> repeat("password: |\n", n));
		inputs.put("`password: |` + endless block", n -> "password: |\n" + repeat("  aB3dE5fG7hJ9\n", n));
		inputs.put("secret keys nested ever deeper", n -> nested("token:", n));
		inputs.put("`password:` + endless nested mapping", n -> "password:\n" + repeat("  - name: x\n", n));
		inputs.put("`kind: Secret` lines + `data:`", n -> repeat("kind: Secret\ndata:\n", n));
		inputs.put("`kind: Secret` nested ever deeper", n -> nested("kind: Secret", n) + "data:\n  a: b\n");
		inputs.put("Secret with endless `data:` map", n -> "kind: Secret\ndata:\n" + repeat("  k: dmFsdWU=\n", n));
		// values going on across ';', ',' and spaces
		inputs.put("`password=a;b;c;…` endless", n -> "password=" + repeat("ab;", n));
		inputs.put("`;Password=` + endless words", n -> "Server=x;Password=" + repeat("word ", n));
		inputs.put("`;Password=a;` repeated", n -> repeat(";Password=a b,c;", n));
		inputs.put("`password=a,b` repeated", n -> repeat("password=a,b,", n));
		return inputs;
	}

	/**
	 * Lines indented one more space each time, so every line opens a block around all
	 * that follow.
	 */
	private static String nested(String line, int length) {
		StringBuilder text = new StringBuilder(length + 64);
		for (int depth = 0; text.length() < length; depth++) {
			text.append(" ".repeat(depth)).append(line).append('\n');
		}
		return text.substring(0, length);
	}

	private static String repeat(String unit, int length) {
		return unit.repeat(length / unit.length() + 1).substring(0, length);
	}

	private static List<String> blocks(String text, int size) {
		List<String> blocks = new ArrayList<>();
		for (int i = 0; i < text.length(); i += size) {
			int end = Math.min(text.length(), i + size);
			int newline = text.lastIndexOf('\n', end);
			end = end == text.length() || newline <= i ? end : newline + 1; // whole
																			// lines, as a
																			// caller
																			// would send
			blocks.add(text.substring(i, end));
			i = end - size;
		}
		return blocks;
	}

	/**
	 * Realistic operations log: requests, pods, deployments, stack traces; some lines
	 * carry a fake secret.
	 */
	static String logText(int length, double secretRate, Random random) {
		// arguments: 1 timestamp, 2 and 4 and 5 small numbers, 3 a UUID
		String[] ordinary = {
				"%1$s INFO  [http-nio-8080-exec-%2$d] d.w.alerts.AlertIntake : accepted alert group %3$s (%4$d alerts) in %5$dms",
				"%1$s WARN  [scheduling-1] d.w.slack.Outbox : Slack rate limited channel C0%2$dABCDEF, retrying in %4$ds (attempt %5$d)",
				"%1$s INFO  [main] o.s.b.w.e.tomcat.TomcatWebServer : Tomcat started on port %4$d (http) with context path '/'",
				"%1$s ERROR [worker-%2$d] d.w.actions.Runner : step failed for pod payments-5f6d7c8b9-x2x7k: exit code %4$d after %5$dms",
				"%1$s DEBUG [kafka-%2$d] o.a.k.c.c.i.ConsumerCoordinator : revoked partitions orders-%4$d, lag %5$d, commit 3f786850e387550fdab836ed7e6dc881de23001b",
				"%1$s INFO  [http-nio-8080-exec-%2$d] d.w.audit.AuditTrail : appended entry %4$d, request %3$s, image sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
				"\tat dev.watchkeeper.alerts.internal.Grouper.group(Grouper.java:%4$d) ~[watchkeeper.jar:0.1.%2$d]" };
		String[] secrets = {
				"%1$s ERROR [worker-%2$d] d.w.x : git push failed with token ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z%2$d",
				"%1$s WARN  [main] d.w.x : datasource url postgres://app:hunter%4$d@db.internal:5432/orders unreachable",
				"%1$s INFO  [http-%2$d] d.w.x : paged jane.doe%4$d@example.com for incident %3$s",
				"%1$s DEBUG [http-%2$d] d.w.x : outgoing headers {Authorization=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8%4$d}",
				"%1$s INFO  [main] d.w.x : env AWS_ACCESS_KEY_ID=AKIAQX7RZ2M4N6P3T5%2$d password=Winter%4$d!" };
		StringBuilder text = new StringBuilder(length + 256);
		long second = 1_705_314_600L;
		while (text.length() < length) {
			boolean secret = random.nextDouble() < secretRate;
			String template = secret ? secrets[random.nextInt(secrets.length)]
					: ordinary[random.nextInt(ordinary.length)];
			String timestamp = java.time.Instant.ofEpochSecond(second++).toString();
			String uuid = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
			text.append(String.format(template, timestamp, random.nextInt(90) + 10, uuid, random.nextInt(9000) + 10,
					random.nextInt(900) + 10))
				.append('\n');
		}
		return text.toString();
	}

}
