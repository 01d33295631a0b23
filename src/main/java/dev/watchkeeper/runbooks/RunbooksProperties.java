package dev.watchkeeper.runbooks;

import dev.watchkeeper.core.InvalidConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Runbook settings.
 *
 * @param dir directory of {@code *.md} runbooks ({@code WATCHKEEPER_RUNBOOKS_DIR}),
 * relative to the working directory unless absolute
 * @param reloadInterval how often the directory is checked for changes
 * ({@code WATCHKEEPER_RUNBOOKS_RELOAD_INTERVAL})
 * @param watch start watching (and auditing reloads) with the application; command-line
 * tools that boot the context for something else turn it off
 */
@ConfigurationProperties("watchkeeper.runbooks")
public record RunbooksProperties(@DefaultValue("runbooks") Path dir, @DefaultValue("5s") Duration reloadInterval,
		@DefaultValue("true") boolean watch) {

	public RunbooksProperties {
		if (reloadInterval.isNegative() || reloadInterval.isZero()) {
			throw new InvalidConfiguration("watchkeeper.runbooks.reload-interval must be positive, e.g. 5s");
		}
	}
}
