package dev.watchkeeper.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.core.InvalidConfiguration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActionRegistryTests {

	@Test
	void knowsRegisteredTypes() {
		ActionRegistry registry = new ActionRegistry(List.of(action("vault.revoke-lease"), action("noop.echo")));

		assertThat(registry.isKnown("vault.revoke-lease")).isTrue();
		assertThat(registry.isKnown("vault.revoke")).isFalse();
		assertThat(registry.types()).containsExactly("noop.echo", "vault.revoke-lease");
		assertThat(registry.all()).extracting(Action::type).containsExactly("noop.echo", "vault.revoke-lease");
	}

	@Test
	void twoActionsWithOneTypeIdFailAtStartup() {
		assertThatThrownBy(() -> new ActionRegistry(List.of(action("noop.echo"), action("noop.echo"))))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("two actions claim type id 'noop.echo'");
	}

	@Test
	void typeIdsMustBeDottedLowerCase() {
		assertThatThrownBy(() -> new ActionRegistry(List.of(action("Revoke Lease"))))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("dotted lower-case");
	}

	static Action action(String type) {
		return new Action() {

			@Override
			public String type() {
				return type;
			}

			@Override
			public String description() {
				return "test";
			}

			@Override
			public RiskTier tier() {
				return RiskTier.HIGH;
			}

			@Override
			public ParamSchema schema() {
				return ParamSchema.of();
			}

			@Override
			public ActionPreview preview(ActionParams params) {
				return ActionPreview.ready("nothing");
			}

			@Override
			public ActionOutcome execute(ActionParams params, ExecutionPermit permit) {
				return ActionOutcome.succeeded("done");
			}

			@Override
			public EffectCheck verify(ActionParams params, UUID requestId) {
				return EffectCheck.NOT_APPLIED;
			}
		};
	}

}
