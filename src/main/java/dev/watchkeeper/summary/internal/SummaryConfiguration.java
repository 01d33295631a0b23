package dev.watchkeeper.summary.internal;

import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.summary.Summarizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The summarizer bean, redacting with the application's {@link Redactor} bean when the
 * redaction module provides one, else with {@link Redactor#standard()}: the one place
 * that choice is made for alert text on its way to Slack.
 */
@Configuration(proxyBeanMethods = false)
class SummaryConfiguration {

	@Bean
	Summarizer summarizer(ObjectProvider<Redactor> redactor) {
		return new Summarizer(redactor.getIfAvailable(Redactor::standard));
	}

}
