package dev.watchkeeper.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Diagnostics throughput through the CLI path ({@code share FILE} then
 * {@code share --get LINK --out FILE}) against a server in its own JVM with a small heap,
 * sampling that server's heap while 1 MiB and 256 MiB files go through; the JDK's AES-GCM
 * as the share format uses it; and {@code openssl speed -evp aes-256-gcm} as the physical
 * reference. Run with {@code ./mvnw -B -o -Pbench test -Dtest=DiagnosticsBenchmark};
 * prints a Markdown section.
 */
class DiagnosticsBenchmark {

	static final String SERVER_HEAP = "-Xmx256m";

	static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$",
			Pattern.MULTILINE);

	private final List<String> report = new ArrayList<>();

	@Test
	void measure() throws Exception {
		report.add("## Diagnostics");
		report.add("");
		report.add("Command: `./mvnw -B -o -Pbench test -Dtest=DiagnosticsBenchmark` (about 1 minute). Machine: "
				+ Runtime.getRuntime().availableProcessors() + " cores (`nproc`), " + cpu() + ", Java "
				+ System.getProperty("java.vm.version") + ", load average " + loadAverage() + " at the start "
				+ "(the machine is shared with other builds: absolute figures are pessimistic).");
		report.add("");
		jdkCipher();
		openssl();
		cliPath();
		System.out.println("\n" + String.join("\n", report) + "\n");
		Files.writeString(Path.of("target", "diagnostics-benchmark.md"), String.join("\n", report) + "\n");
	}

	/**
	 * The chunk cipher as the format uses it, against the JDK's one-call GCM, on 1 MiB
	 * chunks after warm-up.
	 */
	private void jdkCipher() throws Exception {
		byte[] key = ShareKeys.randomBytes(32);
		byte[] aad = ShareKeys.randomBytes(68);
		byte[] chunk = ShareKeys.randomBytes(1 << 20);
		byte[] sealed = new byte[chunk.length + 16];
		byte[] opened = new byte[chunk.length];
		ChunkCipher cipher = new ChunkCipher(key);
		int rounds = 256;
		for (int warm = 0; warm < 2; warm++) {
			long sealNanos = 0;
			long openNanos = 0;
			long jdkEncryptNanos = 0;
			long jdkDecryptNanos = 0;
			for (int i = 0; i < rounds; i++) {
				byte[] nonce = ShareKeys.randomBytes(12);
				long t0 = System.nanoTime();
				cipher.seal(nonce, aad, chunk, 0, chunk.length, sealed, 0);
				long t1 = System.nanoTime();
				if (cipher.open(nonce, aad, sealed, 0, sealed.length, opened) != chunk.length) {
					throw new IllegalStateException("round trip failed");
				}
				long t2 = System.nanoTime();
				Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
				byte[] other = ShareKeys.randomBytes(12);
				gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, other));
				gcm.updateAAD(aad);
				byte[] oneCall = gcm.doFinal(chunk);
				long t3 = System.nanoTime();
				gcm = Cipher.getInstance("AES/GCM/NoPadding");
				gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, other));
				gcm.updateAAD(aad);
				gcm.doFinal(oneCall);
				long t4 = System.nanoTime();
				sealNanos += t1 - t0;
				openNanos += t2 - t1;
				jdkEncryptNanos += t3 - t2;
				jdkDecryptNanos += t4 - t3;
			}
			if (warm == 1) {
				long bytes = (long) rounds * chunk.length;
				report.add("JDK AES-256-GCM on 1 MiB chunks, " + rounds + " chunks after a warm-up round (GB/s):");
				report.add("");
				report.add("| operation | GB/s |");
				report.add("|---|---|");
				report.add("| seal: `ChunkCipher` (16 KiB `update` slices) | " + gbps(bytes, sealNanos) + " |");
				report.add("| open: `ChunkCipher` (AES-CTR + recomputed tag, 16 KiB slices) | " + gbps(bytes, openNanos)
						+ " |");
				report.add("| JDK GCM encrypt, one `doFinal` per chunk | " + gbps(bytes, jdkEncryptNanos) + " |");
				report.add("| JDK GCM decrypt, one `doFinal` per chunk (what opening avoids) | "
						+ gbps(bytes, jdkDecryptNanos) + " |");
				report.add("");
			}
		}
	}

	private void openssl() throws Exception {
		Process process = new ProcessBuilder("openssl", "speed", "-seconds", "1", "-evp", "aes-256-gcm")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		String line = output.lines().filter(l -> l.startsWith("AES-256-GCM")).reduce((a, b) -> b).orElse("");
		String[] columns = line.trim().split("\\s+");
		report.add("`openssl speed -seconds 1 -evp aes-256-gcm` (" + version() + ") on the same machine, "
				+ "encryption, GB/s per block size:");
		report.add("");
		report.add("| 16 B | 64 B | 256 B | 1 KiB | 8 KiB | 16 KiB |");
		report.add("|---|---|---|---|---|---|");
		StringBuilder row = new StringBuilder("|");
		for (int i = columns.length - 6; i < columns.length && i > 0; i++) {
			double kilobytesPerSecond = Double.parseDouble(columns[i].replace("k", ""));
			row.append(' ').append(String.format(Locale.ROOT, "%.2f", kilobytesPerSecond * 1000 / 1e9)).append(" |");
		}
		report.add(row.toString());
		report.add("");
	}

	/**
	 * A server JVM with a 256 MiB heap; the CLI in this JVM shares a file and gets it
	 * back.
	 */
	private void cliPath() throws Exception {
		Path work = Files.createTempDirectory("wk-diagnostics-bench-");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process server = new ProcessBuilder(java, SERVER_HEAP, "-XX:+UseSerialGC", "-cp", classpath,
				"dev.watchkeeper.Watchkeeper", "--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1",
				"--watchkeeper.diagnostics.storage-dir=" + work.resolve("store"),
				"--watchkeeper.diagnostics.max-total-size=4GB", "--watchkeeper.diagnostics.creates-per-hour=0",
				"--watchkeeper.diagnostics.requests-per-minute=0", "--logging.level.root=WARN")
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("server.log").toFile())
			.start();
		HttpClient http = HttpClient.newHttpClient();
		URI base = URI.create("http://127.0.0.1:" + port);
		AtomicLong peakHeap = new AtomicLong();
		try {
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> http
					.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body()
					.contains("UP"));
			long idleHeap = heapUsed(http, base);
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			sampler.scheduleWithFixedDelay(() -> {
				try {
					peakHeap.accumulateAndGet(heapUsed(http, base), Math::max);
				}
				catch (IOException | InterruptedException ex) {
					// the next sample will tell
				}
			}, 0, 50, TimeUnit.MILLISECONDS);

			report
				.add("CLI path (`share FILE --server URL` then `share --get LINK --out FILE`, both in one client JVM; "
						+ "encrypt and upload, then reveal and decrypt, byte-for-byte checked) against a server JVM started "
						+ "with `" + SERVER_HEAP + "`, H2, filesystem storage on local disk, over loopback:");
			report.add("");
			report.add("| file | runs | encrypt + upload | reveal + decrypt | whole round trip |");
			report.add("|---|---|---|---|---|");
			run(base, work, 1 << 20, 5, 20);
			run(base, work, 256 << 20, 1, 2);
			sampler.shutdown();
			sampler.awaitTermination(10, TimeUnit.SECONDS);
			report.add("");
			report.add("Server heap (sum of heap pools from `/actuator/prometheus`, sampled every 50 ms): "
					+ mib(idleHeap) + " MiB idle after start, peak " + mib(peakHeap.get())
					+ " MiB while the files above went through; the heap limit was 256 MiB, so a 256 MiB share "
					+ "cannot have been held whole in memory.");
		}
		finally {
			server.destroy();
			server.waitFor();
			try (Stream<Path> files = Files.walk(work)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	private void run(URI base, Path work, int size, int warmups, int runs) throws Exception {
		Path file = work.resolve("content-" + size + ".bin");
		writeRandom(file, size);
		Path copy = work.resolve("copy-" + size + ".bin");
		long shareNanos = 0;
		long getNanos = 0;
		for (int i = 0; i < warmups + runs; i++) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			long t0 = System.nanoTime();
			int shared = new ShareCommand().run(List.of(file.toString(), "--ttl", "1h", "--server", base.toString()),
					new ByteArrayInputStream(new byte[0]), new PrintStream(out),
					new PrintStream(OutputStream.nullOutputStream()));
			long t1 = System.nanoTime();
			int got = new ShareCommand().run(
					List.of("--get", out.toString(StandardCharsets.UTF_8).strip(), "--out", copy.toString()),
					new ByteArrayInputStream(new byte[0]), new PrintStream(OutputStream.nullOutputStream()),
					new PrintStream(OutputStream.nullOutputStream()));
			long t2 = System.nanoTime();
			assertThat(shared).isZero();
			assertThat(got).isZero();
			assertThat(Files.mismatch(file, copy)).isEqualTo(-1);
			if (i >= warmups) {
				shareNanos += t1 - t0;
				getNanos += t2 - t1;
			}
		}
		long bytes = (long) size * runs;
		report.add("| " + (size >> 20) + " MiB | " + runs + " (after " + warmups + " warm-up) | "
				+ rate(bytes, shareNanos, runs) + " | " + rate(bytes, getNanos, runs) + " | "
				+ rate(bytes, shareNanos + getNanos, runs) + " |");
		Files.delete(file);
		Files.delete(copy);
	}

	private static String rate(long bytes, long nanos, int runs) {
		return String.format(Locale.ROOT, "%.0f MiB/s (%.0f ms each)", bytes / 1048576.0 / (nanos / 1e9),
				nanos / 1e6 / runs);
	}

	private static long heapUsed(HttpClient http, URI base) throws IOException, InterruptedException {
		String metrics = http
			.send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		long used = 0;
		Matcher m = HEAP_USED.matcher(metrics);
		while (m.find()) {
			used += (long) Double.parseDouble(m.group(1));
		}
		return used;
	}

	private static void writeRandom(Path file, int size) throws IOException {
		Random random = new Random(size);
		byte[] block = new byte[1 << 20];
		try (OutputStream out = Files.newOutputStream(file)) {
			for (int written = 0; written < size; written += block.length) {
				random.nextBytes(block);
				out.write(block, 0, Math.min(block.length, size - written));
			}
		}
	}

	private static String gbps(long bytes, long nanos) {
		return String.format(Locale.ROOT, "%.2f", bytes / (nanos / 1e9) / 1e9);
	}

	private static long mib(long bytes) {
		return bytes >> 20;
	}

	private static String cpu() throws IOException {
		return Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter(l -> l.startsWith("model name"))
			.map(l -> l.substring(l.indexOf(':') + 1).strip())
			.findFirst()
			.orElse("unknown CPU");
	}

	private static String loadAverage() throws IOException {
		return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" "))
			.limit(3)
			.reduce((a, b) -> a + " " + b)
			.orElse("?");
	}

	private static String version() throws Exception {
		Process process = new ProcessBuilder("openssl", "version").start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		process.waitFor();
		return text;
	}

}
