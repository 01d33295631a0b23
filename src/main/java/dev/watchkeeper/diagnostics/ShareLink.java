package dev.watchkeeper.diagnostics;

import java.net.URI;
import java.time.Instant;

/**
 * A freshly created share and its link {@code {public-url}/d/{id}#{link key}}. The link
 * is the capability to reveal the share: hand it only to where it is meant to go.
 * {@link #toString()} leaves the key out so the link cannot leak through a log line.
 */
public record ShareLink(ShareId id, URI url, Instant expiresAt, int views) {

	@Override
	public String toString() {
		String text = url.toString();
		int fragment = text.indexOf('#');
		return "ShareLink[" + (fragment < 0 ? text : text.substring(0, fragment) + "#****") + ", expiresAt=" + expiresAt
				+ ", views=" + views + "]";
	}
}
