package dev.watchkeeper.alerts.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The JSON error bodies of the alert endpoints: a stable {@code error} code and a
 * {@code detail} for humans.
 */
final class ApiErrors {

	private ApiErrors() {
	}

	static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("detail", detail);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store");
		if (status == HttpStatus.UNAUTHORIZED) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"watchkeeper\"");
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE && error.equals("storage_unavailable")) {
			response.header(HttpHeaders.RETRY_AFTER, "10");
		}
		return response.body(body);
	}

}
