package dev.watchkeeper.redaction.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.jspecify.annotations.Nullable;

/**
 * A logged exception whose message, and its causes' and suppressed exceptions' messages,
 * are redacted.
 */
final class RedactedThrowableProxy implements IThrowableProxy {

	private final IThrowableProxy delegate;

	private RedactedThrowableProxy(IThrowableProxy delegate) {
		this.delegate = delegate;
	}

	static @Nullable IThrowableProxy of(@Nullable IThrowableProxy proxy) {
		return proxy == null || proxy instanceof RedactedThrowableProxy ? proxy : new RedactedThrowableProxy(proxy);
	}

	@Override
	public @Nullable String getMessage() {
		String message = delegate.getMessage();
		return message == null ? null : LogRedaction.redact(message);
	}

	@Override
	public @Nullable String getOverridingMessage() {
		String message = delegate.getOverridingMessage();
		return message == null ? null : LogRedaction.redact(message);
	}

	@Override
	public String getClassName() {
		return delegate.getClassName();
	}

	@Override
	public StackTraceElementProxy[] getStackTraceElementProxyArray() {
		return delegate.getStackTraceElementProxyArray();
	}

	@Override
	public int getCommonFrames() {
		return delegate.getCommonFrames();
	}

	@Override
	public @Nullable IThrowableProxy getCause() {
		return of(delegate.getCause());
	}

	@Override
	public IThrowableProxy[] getSuppressed() {
		IThrowableProxy[] suppressed = delegate.getSuppressed();
		if (suppressed == null) {
			return new IThrowableProxy[0];
		}
		IThrowableProxy[] redacted = new IThrowableProxy[suppressed.length];
		for (int i = 0; i < suppressed.length; i++) {
			redacted[i] = of(suppressed[i]);
		}
		return redacted;
	}

	@Override
	public boolean isCyclic() {
		return delegate.isCyclic();
	}

}
