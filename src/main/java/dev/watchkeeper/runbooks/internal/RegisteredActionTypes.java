package dev.watchkeeper.runbooks.internal;

import dev.watchkeeper.actions.ActionRegistry;
import dev.watchkeeper.runbooks.ActionTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runbooks may use every action the registry knows, plus the ones Watchkeeper ships: the
 * Vault actions register only when Vault is configured, and a runbook must not turn
 * invalid because Vault is switched off on this instance.
 */
@Configuration(proxyBeanMethods = false)
class RegisteredActionTypes {

	@Bean
	ActionTypes actionTypes(ActionRegistry registry) {
		java.util.Set<String> known = new java.util.TreeSet<>(ActionTypes.defaults().known());
		known.addAll(registry.types());
		ActionTypes shipped = ActionTypes.defaults();
		return new ActionTypes() {
			@Override
			public boolean isKnown(String type) {
				return registry.isKnown(type) || shipped.isKnown(type);
			}

			@Override
			public java.util.Collection<String> known() {
				return known;
			}
		};
	}

}
