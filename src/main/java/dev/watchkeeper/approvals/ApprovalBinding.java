package dev.watchkeeper.approvals;

import dev.watchkeeper.actions.ActionParams;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 hash that ties an approval to the exact action type, parameters and preview
 * shown to the approver. It travels in the button value and is compared (in constant
 * time) with the stored request on every click.
 */
public final class ApprovalBinding {

	private static final String DOMAIN = "watchkeeper.approval.v1";

	private ApprovalBinding() {
	}

	public static String of(String actionType, ActionParams params, String preview) {
		String canonical = DOMAIN + '\n' + actionType.length() + ':' + actionType + '\n' + params.canonicalForm()
				+ preview.length() + ':' + preview;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
	}

	/** Constant-time comparison, so a forger learns nothing from response times. */
	public static boolean matches(String expected, String presented) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				presented.getBytes(StandardCharsets.US_ASCII));
	}

}
