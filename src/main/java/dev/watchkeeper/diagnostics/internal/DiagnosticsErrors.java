package dev.watchkeeper.diagnostics.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what can go wrong on the diagnostics API into one JSON shape {@code {"error":
 * code, "message": text}} with a clear message and no stack trace; the security headers
 * stay because nothing resets the response.
 */
@RestControllerAdvice(assignableTypes = { DiagnosticsApi.class, DiagnosticsPages.class })
class DiagnosticsErrors {

	private static final Logger log = LoggerFactory.getLogger(DiagnosticsErrors.class);

	private static final ObjectMapper json = JsonMapper.builder().build();

	@ExceptionHandler(ShareNotAvailable.class)
	ResponseEntity<Map<String, Object>> notAvailable(ShareNotAvailable ex) {
		return body(HttpStatus.NOT_FOUND, "not_available", ShareNotAvailable.MESSAGE);
	}

	@ExceptionHandler(ShareTooLarge.class)
	ResponseEntity<Map<String, Object>> tooLarge(ShareTooLarge ex) {
		return body(HttpStatus.CONTENT_TOO_LARGE, "too_large", ex.getMessage());
	}

	@ExceptionHandler(StorageFull.class)
	ResponseEntity<Map<String, Object>> storageFull(StorageFull ex) {
		return body(HttpStatus.INSUFFICIENT_STORAGE, "storage_full", ex.getMessage());
	}

	@ExceptionHandler(UploadOffsetMismatch.class)
	ResponseEntity<Map<String, Object>> offsetMismatch(UploadOffsetMismatch ex) {
		Map<String, Object> answer = answer("offset_mismatch", ex.getMessage());
		answer.put("expected", ex.expected());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(answer);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException ex) {
		return body(HttpStatus.BAD_REQUEST, "bad_request", ex.getMessage());
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
			MethodArgumentNotValidException.class })
	ResponseEntity<Map<String, Object>> unreadable(Exception ex) {
		return body(HttpStatus.BAD_REQUEST, "bad_request", "the request is not valid JSON of the expected shape");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send application/json");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
		return body(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed here");
	}

	@ExceptionHandler(IOException.class)
	ResponseEntity<Map<String, Object>> io(IOException ex) {
		// mostly a client that went away mid-upload; the part is discarded and can be
		// sent again
		log.info("diagnostics request ended early: {}", ex.getMessage());
		return body(HttpStatus.BAD_REQUEST, "incomplete", "the request ended early; send the part again");
	}

	static void write(HttpServletResponse response, HttpStatus status, String error, String message)
			throws IOException {
		write(response, status, error, message, Map.of());
	}

	static void write(HttpServletResponse response, HttpStatus status, String error, String message,
			Map<String, Object> extra) throws IOException {
		Map<String, Object> answer = answer(error, message);
		answer.putAll(extra);
		response.setStatus(status.value());
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(json.writeValueAsBytes(answer));
	}

	private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String error, String message) {
		return ResponseEntity.status(status).body(answer(error, message));
	}

	private static Map<String, Object> answer(String error, String message) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("error", error);
		answer.put("message", message);
		return answer;
	}

}
