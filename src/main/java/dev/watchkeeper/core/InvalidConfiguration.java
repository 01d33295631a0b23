package dev.watchkeeper.core;

/**
 * Thrown at start-up when settings contradict each other. The message is one line that
 * names the variable to fix; a failure analyzer prints it without a stack trace.
 */
public class InvalidConfiguration extends RuntimeException {

	public InvalidConfiguration(String message) {
		super(message);
	}

}
