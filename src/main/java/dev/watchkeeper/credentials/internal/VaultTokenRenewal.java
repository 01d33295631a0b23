package dev.watchkeeper.credentials.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link VaultSession#maintain()} every {@code renewal-check-interval} on one daemon
 * thread, starting with a login right after start-up so the first Slack request does not
 * wait for it (and a broken login shows in the log and the health check at once, without
 * stopping the application).
 */
final class VaultTokenRenewal implements SmartLifecycle {

	private final VaultSession session;

	private final long intervalMillis;

	private @Nullable ScheduledExecutorService executor;

	VaultTokenRenewal(VaultSession session, java.time.Duration interval) {
		this.session = session;
		this.intervalMillis = interval.toMillis();
	}

	@Override
	public synchronized void start() {
		if (executor != null) {
			return;
		}
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "vault-token-renewal");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(session::maintain, 0, intervalMillis, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

}
