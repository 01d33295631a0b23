package dev.watchkeeper.diagnostics;

import dev.watchkeeper.core.InvalidConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Diagnostics settings. Every share lives between {@link #MIN_TTL} and {@link #MAX_TTL}
 * and allows 1 to {@link #MAX_VIEWS} views; these bounds are part of the product's
 * promise and not configurable.
 *
 * @param defaultTtl lifetime when the creator does not choose one
 * @param defaultViews views when the creator does not choose
 * @param maxSize largest ciphertext accepted; larger uploads get 413
 * @param maxTotalSize all live shares together; a share that would exceed it gets 507
 * @param storage where ciphertext lives: {@code filesystem} (default) or {@code database}
 * @param storageDir directory of the filesystem storage; shared by all replicas when
 * there are several
 * @param lease how long a successful reveal may resume its download with {@code Range}
 * @param passphraseAttempts wrong passphrases before the share is destroyed
 * @param signInRegistration the OAuth2 client registration of Sign in with Slack; when it
 * is configured, a reveal needs a signed-in member of the share's audience, otherwise the
 * link alone is the capability
 * @param createsPerHour shares one client address may create per hour (a burst of that
 * many, then refilled evenly); 0 turns the limit off
 * @param requestsPerMinute nonce, status, reveal and revoke requests per client address
 * per minute; 0 turns the limit off
 */
@ConfigurationProperties("watchkeeper.diagnostics")
public record DiagnosticsProperties(@DefaultValue("24h") Duration defaultTtl, @DefaultValue("1") int defaultViews,
		@DefaultValue("256MB") DataSize maxSize, @DefaultValue("20GB") DataSize maxTotalSize,
		@DefaultValue("filesystem") Storage storage, @DefaultValue("data/diagnostics") Path storageDir,
		@DefaultValue("10m") Duration lease, @DefaultValue("5") int passphraseAttempts,
		@DefaultValue("slack") String signInRegistration, @DefaultValue("60") int createsPerHour,
		@DefaultValue("120") int requestsPerMinute) {

	public static final Duration MIN_TTL = Duration.ofMinutes(5);

	public static final Duration MAX_TTL = Duration.ofDays(7);

	public static final int MAX_VIEWS = 10;

	/** Where ciphertext is stored. */
	public enum Storage {

		/**
		 * Files under {@code storage-dir}: fastest; several replicas need a shared
		 * (ReadWriteMany) volume.
		 */
		FILESYSTEM,

		/**
		 * 1 MiB rows in the application database: nothing to share between replicas but
		 * the database.
		 */
		DATABASE

	}

	public DiagnosticsProperties {
		if (defaultTtl.compareTo(MIN_TTL) < 0 || defaultTtl.compareTo(MAX_TTL) > 0) {
			throw new InvalidConfiguration("watchkeeper.diagnostics.default-ttl must be between 5m and 7d");
		}
		if (defaultViews < 1 || defaultViews > MAX_VIEWS) {
			throw new InvalidConfiguration("watchkeeper.diagnostics.default-views must be between 1 and 10");
		}
		if (maxSize.toBytes() < 1024) {
			throw new InvalidConfiguration("watchkeeper.diagnostics.max-size must be at least 1KB");
		}
		if (maxTotalSize.toBytes() < maxSize.toBytes()) {
			throw new InvalidConfiguration(
					"watchkeeper.diagnostics.max-total-size must be at least watchkeeper.diagnostics.max-size");
		}
		if (lease.compareTo(Duration.ofSeconds(30)) < 0 || lease.compareTo(Duration.ofHours(1)) > 0) {
			throw new InvalidConfiguration("watchkeeper.diagnostics.lease must be between 30s and 1h");
		}
		if (passphraseAttempts < 1 || passphraseAttempts > 100) {
			throw new InvalidConfiguration("watchkeeper.diagnostics.passphrase-attempts must be between 1 and 100");
		}
		if (createsPerHour < 0 || requestsPerMinute < 0) {
			throw new InvalidConfiguration(
					"watchkeeper.diagnostics.creates-per-hour and requests-per-minute must not be negative (0: off)");
		}
		if (signInRegistration.isBlank()) {
			throw new InvalidConfiguration("watchkeeper.diagnostics.sign-in-registration must not be blank");
		}
	}

	/** Checks a creator's choice of lifetime; the message is shown to them. */
	public static Duration checkTtl(Duration ttl) {
		if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
			throw new IllegalArgumentException("the lifetime must be between 5 minutes and 7 days");
		}
		return ttl;
	}

	/** Checks a creator's choice of views; the message is shown to them. */
	public static int checkViews(int views) {
		if (views < 1 || views > MAX_VIEWS) {
			throw new IllegalArgumentException("views must be between 1 and " + MAX_VIEWS);
		}
		return views;
	}
}
