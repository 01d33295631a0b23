package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditEntry;
import dev.watchkeeper.audit.AuditPage;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.audit.ExportFormat;
import dev.watchkeeper.audit.Verification;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/audit}: search (keyset-paged), one entry, streamed export, verification.
 */
@RestController
@RequestMapping("/api/audit")
class AuditApiController {

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final AuditTrail trail;

	private final Clock clock;

	AuditApiController(AuditTrail trail, Clock clock) {
		this.trail = trail;
		this.clock = clock;
	}

	/** A page of entries, newest first, and the link to the next (older) page. */
	record SearchResult(List<AuditEntry> entries, @Nullable Long nextBefore, @Nullable String next) {
	}

	@GetMapping
	SearchResult search(HttpServletRequest request) {
		AuditQuery query = AuditQuery.parse(request::getParameter);
		Long before = ApiParameters.before(request.getParameter("before"));
		int limit = ApiParameters.limit(request.getParameter("limit"), 50);
		AuditPage page = trail.search(query, before, limit);
		String next = null;
		if (page.nextBefore() != null) {
			Map<String, String> parameters = new LinkedHashMap<>(query.asParameters());
			parameters.put("limit", Integer.toString(limit));
			parameters.put("before", Long.toString(page.nextBefore()));
			next = "/api/audit" + Html.query(parameters);
		}
		return new SearchResult(page.entries(), page.nextBefore(), next);
	}

	@GetMapping("/entries/{sequence}")
	ResponseEntity<AuditEntry> entry(@PathVariable long sequence) {
		return ResponseEntity.of(trail.entry(sequence));
	}

	@GetMapping("/export")
	void export(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		AuditQuery query = AuditQuery.parse(request::getParameter);
		ExportFormat format = ExportFormat.parse(request.getParameter("format"));
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(format.mediaType() + ";charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"watchkeeper-audit-"
				+ FILE_TIME.format(clock.instant()) + "." + format.extension() + "\"");
		trail.export(query, format, response.getOutputStream(), ReviewerIdentity.of(authentication));
	}

	/** The verdict as JSON: {@code status} is {@code ok} or {@code broken}. */
	@GetMapping("/verify")
	Map<String, Object> verify(Authentication authentication) {
		Verification result = trail.verify(ReviewerIdentity.of(authentication));
		Map<String, Object> body = new LinkedHashMap<>();
		if (result instanceof Verification.Broken broken) {
			body.put("status", "broken");
			body.put("sequence", broken.sequence());
			body.put("problem", broken.problem().name());
			body.put("explanation", broken.explanation());
			body.put("verifiedEntries", broken.verifiedEntries());
		}
		else if (result instanceof Verification.Intact ok) {
			body.put("status", "ok");
			body.put("entries", ok.entries());
			body.put("headSequence", ok.headSequence());
			body.put("headHash", ok.headHash());
		}
		return body;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", "bad_request", "detail", String.valueOf(ex.getMessage())));
	}

}
