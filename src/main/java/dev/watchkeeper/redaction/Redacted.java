package dev.watchkeeper.redaction;

import java.util.List;

/**
 * The result of {@link Redactor#redact(String)}: text safe to send on, and what was taken
 * out of it.
 *
 * @param text the redacted text, or {@link Redactor#WITHHELD} when redaction failed
 * @param findings replaced spans in order of position, with offsets into the original
 * text
 */
public record Redacted(String text, List<Finding> findings) {

	public Redacted {
		findings = List.copyOf(findings);
	}

	/** Whether anything was replaced (a withheld text counts as changed). */
	public boolean changed() {
		return !findings.isEmpty();
	}

	/** Whether redaction failed or ran out of time, so the whole text was withheld. */
	public boolean withheld() {
		return findings.size() == 1 && findings.get(0).kind().equals(Redactor.WITHHELD_KIND);
	}
}
