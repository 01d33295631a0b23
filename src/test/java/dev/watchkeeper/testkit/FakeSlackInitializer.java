package dev.watchkeeper.testkit;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the application's Slack Web API calls at the {@link FakeSlackApi}. */
public class FakeSlackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPropertyValues.of("watchkeeper.slack.api-url=" + FakeSlackApi.shared().apiUrl())
			.applyTo(context.getEnvironment());
	}

}
