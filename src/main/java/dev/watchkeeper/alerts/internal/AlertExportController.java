package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.core.Secret;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/alerts/export?from=…&to=…}: every alert state received in
 * {@code [from, to)} as JSON lines, the first question auditors ask. Guarded by the audit
 * reviewer's bearer token ({@code watchkeeper.audit.reviewer-token}); the audit module
 * may later move it behind its own security.
 */
@RestController
class AlertExportController {

	private static final Logger log = LoggerFactory.getLogger(AlertExportController.class);

	private final @Nullable Secret reviewerToken;

	private final AlertHistoryExport export;

	AlertExportController(@Value("${watchkeeper.audit.reviewer-token:}") String reviewerToken,
			AlertHistoryExport export) {
		this.reviewerToken = Secret.ofNullable(reviewerToken);
		this.export = export;
	}

	@GetMapping("/api/alerts/export")
	@Nullable ResponseEntity<?> export(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (reviewerToken == null) {
			return ApiErrors.error(HttpStatus.SERVICE_UNAVAILABLE, "export_disabled",
					"set WATCHKEEPER_AUDIT_REVIEWER_TOKEN (watchkeeper.audit.reviewer-token) to enable the export");
		}
		if (!BearerToken.presented(request, reviewerToken)) {
			return ApiErrors.error(HttpStatus.UNAUTHORIZED, "unauthorized",
					"send Authorization: Bearer <WATCHKEEPER_AUDIT_REVIEWER_TOKEN>");
		}
		Instant start;
		Instant end;
		try {
			start = instant("from", from);
			end = instant("to", to);
		}
		catch (IllegalArgumentException ex) {
			return ApiErrors.error(HttpStatus.BAD_REQUEST, "invalid_window", ex.getMessage());
		}
		if (!start.isBefore(end)) {
			return ApiErrors.error(HttpStatus.BAD_REQUEST, "invalid_window", "'from' must be before 'to'");
		}
		// written on the request thread, not as an async body: a long window must not hit
		// the async timeout
		response.setStatus(HttpStatus.OK.value());
		response.setContentType("application/x-ndjson");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Content-Disposition", "attachment; filename=\"alerts.jsonl\"");
		try {
			export.write(start, end, response.getOutputStream());
		}
		catch (RuntimeException ex) {
			// the status line may already be sent: fail the stream so the client sees an
			// incomplete export
			log.error("alert export {}..{} failed: {}", start, end, ex.getMessage());
			throw new IOException("alert export failed", ex);
		}
		return null;
	}

	private static Instant instant(String name, @Nullable String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' is required, e.g. " + name + "=2024-05-01T00:00:00Z");
		}
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + name + "' is not an ISO-8601 instant: " + text.strip());
		}
	}

}
