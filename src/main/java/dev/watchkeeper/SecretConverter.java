package dev.watchkeeper;

import dev.watchkeeper.core.Secret;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Binds settings to {@link Secret}; an unset or blank variable
 * ({@code ${SLACK_BOT_TOKEN:}}) becomes "not set".
 */
@Component
@ConfigurationPropertiesBinding
class SecretConverter implements Converter<String, Secret> {

	@Override
	public @Nullable Secret convert(String source) {
		return Secret.ofNullable(source);
	}

}
