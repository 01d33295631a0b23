package dev.watchkeeper.redaction;

import java.util.List;

/**
 * PLACEHOLDER API (replaced by the redaction branch): the signature other modules compile against.
 */
public final class Redactor {

	private Redactor() {
	}

	public static Redactor standard() {
		return new Redactor();
	}

	public Redacted redact(String text) {
		return new Redacted(text, List.of());
	}
}
