package dev.watchkeeper.runbooks;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The action types a runbook step may name in its {@code ```action} block. A runbook
 * naming any other type is reported and skipped. The {@code actions} module's registry is
 * meant to supply this; until then {@link #defaults()} lists the types Watchkeeper ships.
 */
@FunctionalInterface
public interface ActionTypes {

	boolean isKnown(String type);

	/** The known types, for error messages; empty when the source cannot list them. */
	default Collection<String> known() {
		return List.of();
	}

	/**
	 * The action types Watchkeeper ships (the echo action for trying things out and the
	 * Vault revocations).
	 */
	static ActionTypes defaults() {
		return of(Set.of("noop.echo", "vault.revoke-lease", "vault.revoke-prefix", "vault.revoke-token-accessor",
				"vault.rotate-database-role"));
	}

	static ActionTypes of(Collection<String> types) {
		Set<String> sorted = new TreeSet<>(types);
		return new ActionTypes() {

			@Override
			public boolean isKnown(String type) {
				return sorted.contains(type);
			}

			@Override
			public Collection<String> known() {
				return List.copyOf(sorted);
			}

			@Override
			public String toString() {
				return "ActionTypes" + sorted;
			}
		};
	}

}
