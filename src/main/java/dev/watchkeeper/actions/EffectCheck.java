package dev.watchkeeper.actions;

/**
 * The answer to "is this action's effect in place?", asked by the reconciler after a
 * crash instead of running the action a second time.
 */
public enum EffectCheck {

	/** The effect is in place (the lease is gone, the message exists). */
	APPLIED,

	/** The effect is known not to be in place. */
	NOT_APPLIED,

	/** It cannot be told right now (the outside system is unreachable). */
	UNKNOWN

}
