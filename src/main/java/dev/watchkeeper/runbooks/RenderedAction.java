package dev.watchkeeper.runbooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A step's action with its parameters filled from the alert. A parameter whose alert
 * field is missing keeps its template text (e.g. {@code {{ annotations.lease_id }}}) and
 * is listed in {@code paramsNeedingInput}: it must be supplied by a person before the
 * action can be requested.
 *
 * @param type action type, e.g. {@code vault.revoke-lease}
 * @param params parameters in the order the runbook wrote them
 * @param paramsNeedingInput names of the parameters still holding a template
 */
public record RenderedAction(String type, Map<String, String> params, List<String> paramsNeedingInput) {

	public RenderedAction {
		Objects.requireNonNull(type, "type");
		params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
		paramsNeedingInput = List.copyOf(paramsNeedingInput);
	}

	public boolean complete() {
		return paramsNeedingInput.isEmpty();
	}
}
