package dev.watchkeeper.diagnostics.internal;

/**
 * Live shares already use {@code watchkeeper.diagnostics.max-total-size}; answered with
 * 507.
 */
public class StorageFull extends RuntimeException {

	public StorageFull() {
		super("diagnostics storage is full: wait for shares to expire or ask an operator to raise "
				+ "watchkeeper.diagnostics.max-total-size");
	}

}
