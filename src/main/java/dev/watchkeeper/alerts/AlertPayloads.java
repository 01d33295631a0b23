package dev.watchkeeper.alerts;

import dev.watchkeeper.alerts.internal.AlertPayloadParser;
import java.io.InputStream;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reads Alertmanager (webhook version 4) and Grafana unified-alerting webhook bodies as a
 * stream, so a storm group of several megabytes is never buffered twice. Used by the
 * webhooks and by the offline {@code summarize} command.
 */
public final class AlertPayloads {

	public static final String ALERTMANAGER = "alertmanager";

	public static final String GRAFANA = "grafana";

	private AlertPayloads() {
	}

	/**
	 * Parses one webhook body.
	 * @param source {@link #ALERTMANAGER}, {@link #GRAFANA}, or null to tell them apart
	 * by the body
	 * @param maxBytes bodies longer than this fail with {@link AlertPayloadTooLarge} as
	 * soon as the limit is passed
	 * @param receivedAt stands in for a missing {@code startsAt}
	 * @throws MalformedAlertPayload naming the first problem found
	 */
	public static AlertBatch parse(InputStream body, @Nullable String source, long maxBytes, Instant receivedAt) {
		return new AlertPayloadParser(source, maxBytes, receivedAt).parse(body);
	}

}
