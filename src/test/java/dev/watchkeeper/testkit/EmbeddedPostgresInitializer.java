package dev.watchkeeper.testkit;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test application context at a fresh database in the shared embedded
 * PostgreSQL.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPropertyValues
			.of("spring.datasource.url=" + EmbeddedPostgresSupport.newDatabase(), "spring.datasource.username=postgres",
					"spring.datasource.password=postgres")
			.applyTo(context.getEnvironment());
	}

}
