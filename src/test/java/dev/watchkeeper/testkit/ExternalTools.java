package dev.watchkeeper.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Outside programs some tests need (chromium, chromedriver, prometheus-alertmanager). On
 * a developer machine a missing tool skips the test with a message saying how to install
 * it; in CI ({@code WATCHKEEPER_CI=true}, set by {@code .ci/run}, which installs them) a
 * missing tool fails the test, so nothing is silently skipped there.
 */
public final class ExternalTools {

	private ExternalTools() {
	}

	public static Path require(String path, String debianPackage) {
		Path tool = Path.of(path);
		boolean present = Files.isExecutable(tool);
		String message = path + " is not installed (apt-get install " + debianPackage + "); .ci/run installs it";
		if (!present && "true".equals(System.getenv("WATCHKEEPER_CI"))) {
			fail(message);
		}
		assumeTrue(present, message);
		return tool;
	}

}
