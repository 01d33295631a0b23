package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.credentials.internal.VaultProblem.VaultDidNotAnswer;
import dev.watchkeeper.credentials.internal.VaultProblem.VaultFailed;
import dev.watchkeeper.credentials.internal.VaultProblem.VaultUnavailable;
import io.github.jopenlibs.vault.VaultException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Turns the driver's {@link VaultException} into a {@link VaultProblem}. The driver
 * reports transport failures with status 0 and the cause chain, and 5xx answers with the
 * body inside the message ({@code "... Response body: {..}"}).
 */
final class DriverFailures {

	private static final String BODY_MARKER = "Response body: ";

	private DriverFailures() {
	}

	static VaultProblem classify(VaultException ex, String call, String address, Duration readTimeout) {
		int status = ex.getHttpStatusCode();
		if (status > 0) {
			return fromStatus(VaultReply.of(status, body(ex)), call);
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// connect timeout is a subclass of HttpTimeoutException but means nothing
			// reached Vault
			if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
					|| cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException) {
				return new VaultUnavailable(
						"Vault at " + address + " is unreachable (" + describe(cause) + "), so nothing was changed");
			}
			if (cause instanceof SSLException) {
				return new VaultUnavailable("the TLS handshake with Vault at " + address + " failed (" + describe(cause)
						+ "); if Vault uses a private CA, set watchkeeper.vault.ca-file");
			}
			if (cause instanceof HttpTimeoutException) {
				return new VaultDidNotAnswer(readTimeout, call);
			}
			if (cause instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				return new VaultDidNotAnswer("the call " + call + " was interrupted before Vault answered");
			}
		}
		Throwable io = rootIo(ex);
		if (io != null) {
			// the connection broke after the request went out: Vault may or may not have
			// acted
			return new VaultDidNotAnswer("the connection to Vault broke during " + call + " (" + describe(io) + ")");
		}
		return new VaultDidNotAnswer(
				"the Vault driver failed during " + call + " (" + ex.getClass().getSimpleName() + ")");
	}

	/** Maps a non-2xx answer that the caller has no specific meaning for. */
	static VaultProblem fromStatus(VaultReply reply, String call) {
		if (reply.status() == 503 && reply.errorMentions("sealed")) {
			return VaultUnavailable.sealed();
		}
		if (reply.status() == 501) {
			return new VaultUnavailable("Vault is not initialized, so nothing was changed");
		}
		if (reply.status() == 429) {
			return new VaultUnavailable("Vault is rate-limiting Watchkeeper (429), so nothing was changed; "
					+ "make a new request in a moment");
		}
		if (reply.status() == 502 || reply.status() == 503 || reply.status() == 504) {
			// a proxy or load balancer in front of Vault, or a standby without an active
			// node
			return new VaultUnavailable("Vault is unavailable (" + reply.status()
					+ (reply.errors().isEmpty() ? "" : ": " + String.join("; ", reply.errors()))
					+ "), so nothing was changed");
		}
		return new VaultFailed(reply.status(), reply.errors(), call);
	}

	private static byte[] body(VaultException ex) {
		String message = ex.getMessage() == null ? "" : ex.getMessage();
		int at = message.indexOf(BODY_MARKER);
		return at < 0 ? new byte[0] : message.substring(at + BODY_MARKER.length()).getBytes(StandardCharsets.UTF_8);
	}

	private static @Nullable IOException rootIo(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException io) {
				return io;
			}
		}
		return null;
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
	}

}
