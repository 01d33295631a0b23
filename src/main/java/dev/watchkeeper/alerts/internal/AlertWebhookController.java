package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.alerts.AlertBatch;
import dev.watchkeeper.alerts.AlertPayloadTooLarge;
import dev.watchkeeper.alerts.AlertPayloads;
import dev.watchkeeper.alerts.MalformedAlertPayload;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/alertmanager} and {@code POST /hooks/grafana}. Answers 202 only
 * after the delivery is committed, so a crash after the answer loses nothing; answers 503
 * when the database is unavailable so the sender retries (Alertmanager retries 5xx, not
 * 4xx). The body is parsed as a stream straight from the socket, counted against the
 * limit as it is read.
 */
@RestController
class AlertWebhookController {

	private static final Logger log = LoggerFactory.getLogger(AlertWebhookController.class);

	/** Two deliveries creating the same group at once: one of them retries. */
	private static final int ATTEMPTS = 3;

	private final AlertsProperties properties;

	private final AlertIntake intake;

	private final Clock clock;

	AlertWebhookController(AlertsProperties properties, AlertIntake intake, Clock clock) {
		this.properties = properties;
		this.intake = intake;
		this.clock = clock;
	}

	@PostMapping("/hooks/alertmanager")
	ResponseEntity<Map<String, Object>> alertmanager(HttpServletRequest request) throws IOException {
		return receive(request, AlertPayloads.ALERTMANAGER);
	}

	@PostMapping("/hooks/grafana")
	ResponseEntity<Map<String, Object>> grafana(HttpServletRequest request) throws IOException {
		return receive(request, AlertPayloads.GRAFANA);
	}

	private ResponseEntity<Map<String, Object>> receive(HttpServletRequest request, String source) throws IOException {
		if (properties.webhookToken() == null) {
			return ApiErrors.error(HttpStatus.SERVICE_UNAVAILABLE, "webhooks_disabled",
					"set WATCHKEEPER_WEBHOOK_TOKEN (watchkeeper.alerts.webhook-token) to accept alerts");
		}
		if (!BearerToken.presented(request, properties.webhookToken())) {
			log.warn("refused {} webhook from {}: missing or wrong bearer token", source, request.getRemoteAddr());
			return ApiErrors.error(HttpStatus.UNAUTHORIZED, "unauthorized",
					"send Authorization: Bearer <WATCHKEEPER_WEBHOOK_TOKEN>");
		}
		String contentType = request.getContentType();
		if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
			return ApiErrors.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
					"expected application/json, got " + contentType);
		}
		long limit = properties.maxBody().toBytes();
		if (request.getContentLengthLong() > limit) {
			return tooLarge(limit);
		}
		AlertBatch batch;
		try {
			batch = AlertPayloads.parse(request.getInputStream(), source, limit, clock.instant());
		}
		catch (AlertPayloadTooLarge ex) {
			return tooLarge(limit);
		}
		catch (MalformedAlertPayload ex) {
			return ApiErrors.error(HttpStatus.BAD_REQUEST, "malformed_payload", ex.getMessage());
		}
		AlertIntake.Result result;
		try {
			result = store(batch);
		}
		catch (DataAccessException | TransactionException ex) {
			log.error("could not store {} alerts from {}: {}", batch.alerts().size(), source, ex.getMessage());
			return ApiErrors.error(HttpStatus.SERVICE_UNAVAILABLE, "storage_unavailable",
					"the alert store is unavailable; nothing was stored, retry later");
		}
		log.debug("stored {} alerts from {} into incidents {}", result.alerts(), source, result.incidents());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "accepted");
		body.put("alerts", result.alerts());
		body.put("incidents", result.incidents().stream().map(Object::toString).toList());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
	}

	private AlertIntake.Result store(AlertBatch batch) {
		if (batch.alerts().isEmpty()) {
			return new AlertIntake.Result(0, java.util.List.of());
		}
		for (int attempt = 1;; attempt++) {
			try {
				return intake.receive(batch);
			}
			catch (DuplicateKeyException | PessimisticLockingFailureException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
				log.debug("concurrent delivery for the same alert group, retrying: {}", ex.getMessage());
			}
		}
	}

	private static ResponseEntity<Map<String, Object>> tooLarge(long limit) {
		return ApiErrors.error(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
				"request body exceeds " + limit + " bytes; raise watchkeeper.alerts.max-body");
	}

}
