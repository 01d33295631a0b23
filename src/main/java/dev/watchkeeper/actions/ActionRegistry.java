package dev.watchkeeper.actions;

import dev.watchkeeper.core.InvalidConfiguration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Every {@link Action} bean, by type id. Runbooks ask {@link #isKnown} to validate the
 * actions their steps name; approvals look actions up here.
 */
@Component
public class ActionRegistry {

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

	private final Map<String, Action> byType = new TreeMap<>();

	public ActionRegistry(List<Action> actions) {
		for (Action action : actions) {
			String type = action.type();
			if (type == null || !TYPE.matcher(type).matches() || type.length() > 100) {
				throw new InvalidConfiguration("action " + action.getClass().getName() + " has type id '" + type
						+ "': use dotted lower-case words such as vault.revoke-lease");
			}
			Action previous = byType.putIfAbsent(type, action);
			if (previous != null) {
				throw new InvalidConfiguration("two actions claim type id '" + type + "': "
						+ previous.getClass().getName() + " and " + action.getClass().getName());
			}
		}
	}

	/** Whether an action of this type id exists, e.g. for runbook validation. */
	public boolean isKnown(String type) {
		return byType.containsKey(type);
	}

	public Optional<Action> find(String type) {
		return Optional.ofNullable(byType.get(type));
	}

	/** Every action, sorted by type id. */
	public List<Action> all() {
		return byType.values().stream().sorted(Comparator.comparing(Action::type)).toList();
	}

	/** Type ids, sorted. */
	public Collection<String> types() {
		return List.copyOf(byType.keySet());
	}

}
