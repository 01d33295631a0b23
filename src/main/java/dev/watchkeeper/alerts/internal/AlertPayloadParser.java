package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertBatch;
import dev.watchkeeper.alerts.AlertPayloadTooLarge;
import dev.watchkeeper.alerts.AlertPayloads;
import dev.watchkeeper.alerts.AlertStatus;
import dev.watchkeeper.alerts.MalformedAlertPayload;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams an Alertmanager or Grafana webhook body into an {@link AlertBatch}, token by
 * token: the body is read once and never held as a tree, unknown fields are skipped, and
 * the first problem is reported with its JSON path (and line and column for syntax
 * errors).
 * <p>
 * Lenient where senders differ (a missing fingerprint is computed from the labels as
 * Alertmanager would; a missing {@code status} is taken from the notification; a missing
 * {@code startsAt} is the receive time), strict where the data would be wrong (wrong JSON
 * types, unknown statuses, timestamps that are not RFC 3339, alerts without labels).
 */
public final class AlertPayloadParser {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	/** Alertmanager and Grafana write "no end yet" as Go's zero time. */
	private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

	private final @Nullable String source;

	private final long maxBytes;

	private final Instant receivedAt;

	public AlertPayloadParser(@Nullable String source, long maxBytes, Instant receivedAt) {
		this.source = source;
		this.maxBytes = maxBytes;
		this.receivedAt = receivedAt;
	}

	public AlertBatch parse(InputStream body) {
		try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), new LimitedInputStream(body, maxBytes))) {
			return readBatch(json);
		}
		catch (AlertPayloadTooLarge | MalformedAlertPayload ex) {
			throw ex;
		}
		catch (JacksonException ex) {
			if (ex.getCause() instanceof AlertPayloadTooLarge tooLarge) {
				throw tooLarge;
			}
			throw new MalformedAlertPayload("not valid JSON" + where(ex.getLocation()) + ": " + firstLine(ex));
		}
	}

	private AlertBatch readBatch(JsonParser json) {
		JsonToken first = json.nextToken();
		if (first == null) {
			throw new MalformedAlertPayload("body is empty: expected a JSON object");
		}
		if (first != JsonToken.START_OBJECT) {
			throw new MalformedAlertPayload("body must be a JSON object, not " + describe(first));
		}
		String receiver = "";
		AlertStatus status = AlertStatus.FIRING;
		String groupKey = null;
		String externalUrl = null;
		String version = null;
		String orgId = null;
		int truncated = 0;
		Map<String, String> groupLabels = Map.of();
		Map<String, String> commonLabels = Map.of();
		Map<String, String> commonAnnotations = Map.of();
		List<RawAlert> rawAlerts = null;
		while (json.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = json.currentName();
			JsonToken value = json.nextToken();
			switch (field) {
				case "receiver" -> receiver = optionalString(json, value, field, "");
				case "status" -> status = status(optionalString(json, value, field, "firing"), field);
				case "groupKey" -> groupKey = nullableString(json, value, field);
				case "externalURL" -> externalUrl = nullableString(json, value, field);
				case "version" -> version = nullableString(json, value, field);
				case "orgId" -> orgId = value == JsonToken.VALUE_NULL ? null : json.getValueAsString();
				case "truncatedAlerts" -> truncated = value == JsonToken.VALUE_NUMBER_INT ? json.getIntValue() : 0;
				case "groupLabels" -> groupLabels = stringMap(json, value, field);
				case "commonLabels" -> commonLabels = stringMap(json, value, field);
				case "commonAnnotations" -> commonAnnotations = stringMap(json, value, field);
				case "alerts" -> rawAlerts = alerts(json, value);
				default -> json.skipChildren();
			}
		}
		if (json.nextToken() != null) {
			throw new MalformedAlertPayload("unexpected content after the JSON object" + where(json.currentLocation()));
		}
		if (rawAlerts == null) {
			throw new MalformedAlertPayload("'alerts' is missing: expected an array of alerts");
		}
		String resolvedSource = source != null ? source
				: (orgId != null || "1".equals(version) ? AlertPayloads.GRAFANA : AlertPayloads.ALERTMANAGER);
		List<Alert> alerts = new ArrayList<>(rawAlerts.size());
		for (RawAlert raw : rawAlerts) {
			alerts.add(raw.toAlert(resolvedSource, status));
		}
		if (groupKey != null && groupKey.isBlank()) {
			groupKey = null;
		}
		if (groupKey != null && orgId != null) {
			// Grafana organisations share one group-key space; keep their incidents apart
			groupKey = "org " + orgId + " " + groupKey;
		}
		return new AlertBatch(resolvedSource, receiver, status, groupKey, groupLabels, commonLabels, commonAnnotations,
				blankToNull(externalUrl), alerts, truncated);
	}

	private List<RawAlert> alerts(JsonParser json, JsonToken value) {
		if (value != JsonToken.START_ARRAY) {
			throw new MalformedAlertPayload("'alerts' must be an array, not " + describe(value));
		}
		List<RawAlert> alerts = new ArrayList<>();
		JsonToken token;
		while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
			String path = "alerts[" + alerts.size() + "]";
			if (token != JsonToken.START_OBJECT) {
				throw new MalformedAlertPayload(path + " must be an object, not " + describe(token));
			}
			alerts.add(alert(json, path));
		}
		return alerts;
	}

	private RawAlert alert(JsonParser json, String path) {
		RawAlert alert = new RawAlert(path);
		while (json.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = json.currentName();
			JsonToken value = json.nextToken();
			String fieldPath = path + "." + field;
			switch (field) {
				case "status" -> alert.status = nullableString(json, value, fieldPath);
				case "labels" -> alert.labels = stringMap(json, value, fieldPath);
				case "annotations" -> alert.annotations = stringMap(json, value, fieldPath);
				case "startsAt" -> alert.startsAt = timestamp(nullableString(json, value, fieldPath), fieldPath);
				case "endsAt" -> alert.endsAt = timestamp(nullableString(json, value, fieldPath), fieldPath);
				case "generatorURL" -> alert.generatorUrl = blankToNull(nullableString(json, value, fieldPath));
				case "fingerprint" -> alert.fingerprint = blankToNull(nullableString(json, value, fieldPath));
				default -> json.skipChildren();
			}
		}
		return alert;
	}

	private Map<String, String> stringMap(JsonParser json, JsonToken value, String path) {
		if (value == JsonToken.VALUE_NULL) {
			return Map.of();
		}
		if (value != JsonToken.START_OBJECT) {
			throw new MalformedAlertPayload(path + " must be an object of strings, not " + describe(value));
		}
		Map<String, String> map = new LinkedHashMap<>();
		while (json.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = json.currentName();
			JsonToken token = json.nextToken();
			if (token != JsonToken.VALUE_STRING) {
				throw new MalformedAlertPayload(path + "." + name + " must be a string, not " + describe(token));
			}
			map.put(name, json.getString());
		}
		return map;
	}

	private static String optionalString(JsonParser json, JsonToken value, String path, String fallback) {
		String text = nullableString(json, value, path);
		return text == null ? fallback : text;
	}

	private static @Nullable String nullableString(JsonParser json, JsonToken value, String path) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value != JsonToken.VALUE_STRING) {
			throw new MalformedAlertPayload(path + " must be a string, not " + describe(value));
		}
		return json.getString();
	}

	private static AlertStatus status(String text, String path) {
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "firing" -> AlertStatus.FIRING;
			case "resolved" -> AlertStatus.RESOLVED;
			default -> throw new MalformedAlertPayload(
					path + " must be \"firing\" or \"resolved\", not \"" + abbreviate(text) + "\"");
		};
	}

	private static @Nullable Instant timestamp(@Nullable String text, String path) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			// the database keeps microseconds: truncate now, or a re-delivery would look
			// like a change
			Instant instant = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
			return instant.equals(GO_ZERO_TIME) ? null : instant;
		}
		catch (DateTimeParseException ex) {
			throw new MalformedAlertPayload(path + " is not an RFC 3339 timestamp: \"" + abbreviate(text) + "\"");
		}
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text;
	}

	private static String describe(@Nullable JsonToken token) {
		if (token == null) {
			return "the end of the body";
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> token.name().toLowerCase(Locale.ROOT);
		};
	}

	private static String where(@Nullable TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
	}

	private static String firstLine(JacksonException ex) {
		String message = ex.getOriginalMessage() == null ? "unreadable input" : ex.getOriginalMessage();
		int newline = message.indexOf('\n');
		return abbreviate(newline < 0 ? message : message.substring(0, newline));
	}

	private static String abbreviate(String text) {
		return text.length() <= 120 ? text : text.substring(0, 117) + "...";
	}

	/**
	 * One alert as read, before the notification's defaults (status, source) are known.
	 */
	private final class RawAlert {

		private final String path;

		private @Nullable String status;

		private @Nullable Map<String, String> labels;

		private Map<String, String> annotations = Map.of();

		private @Nullable Instant startsAt;

		private @Nullable Instant endsAt;

		private @Nullable String generatorUrl;

		private @Nullable String fingerprint;

		RawAlert(String path) {
			this.path = path;
		}

		Alert toAlert(String source, AlertStatus notificationStatus) {
			if (labels == null) {
				throw new MalformedAlertPayload(path + ".labels is missing: every alert needs its labels");
			}
			if (labels.isEmpty()) {
				throw new MalformedAlertPayload(path + ".labels is empty: every alert needs at least one label");
			}
			AlertStatus alertStatus = status == null ? notificationStatus : status(status, path + ".status");
			String id = fingerprint != null ? fingerprint : Fingerprints.of(labels);
			Instant start = startsAt != null ? startsAt : receivedAt.truncatedTo(ChronoUnit.MICROS);
			return new Alert(source, id, alertStatus, labels, annotations, start, endsAt, generatorUrl);
		}

	}

}
