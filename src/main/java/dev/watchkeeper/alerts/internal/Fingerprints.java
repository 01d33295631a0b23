package dev.watchkeeper.alerts.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes an alert's fingerprint from its labels exactly as Prometheus and Alertmanager
 * do (FNV-1a 64 over the sorted label pairs, each name and value followed by byte 0xff),
 * for senders that leave the fingerprint out: the same alert then gets the same identity
 * whichever way it arrives.
 */
final class Fingerprints {

	private static final long OFFSET = 0xcbf29ce484222325L;

	private static final long PRIME = 0x100000001b3L;

	private Fingerprints() {
	}

	static String of(Map<String, String> labels) {
		long hash = OFFSET;
		for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
			hash = add(hash, label.getKey());
			hash = addByte(hash, (byte) 0xff);
			hash = add(hash, label.getValue());
			hash = addByte(hash, (byte) 0xff);
		}
		return String.format("%016x", hash);
	}

	private static long add(long hash, String text) {
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash = addByte(hash, b);
		}
		return hash;
	}

	private static long addByte(long hash, byte b) {
		return (hash ^ (b & 0xff)) * PRIME;
	}

}
