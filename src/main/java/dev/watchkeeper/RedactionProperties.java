package dev.watchkeeper;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redaction settings ({@code watchkeeper.redaction.*}). The built-in detectors are on
 * unless switched off by name; these add to them.
 *
 * @param customDetectors extra detectors, each a name (the placeholder kind) and a Java
 * regex; a group named {@code secret} limits the replacement to that group
 * @param allow literal values never redacted (e.g. the documentation key
 * {@code AKIAIOSFODNN7EXAMPLE})
 * @param allowPatterns regexes; a detected value matching one entirely is never redacted
 * @param redactIpAddresses also replace IPv4/IPv6 addresses (off: on-call engineers need
 * them)
 * @param timeBudget longest one redaction may take before the text is withheld instead
 * @param disabledDetectors built-in detectors switched off, by the kind in their
 * placeholder (e.g. {@code phone-number}); an unknown name stops start-up
 */
@ConfigurationProperties("watchkeeper.redaction")
public record RedactionProperties(@DefaultValue List<CustomDetector> customDetectors, @DefaultValue List<String> allow,
		@DefaultValue List<String> allowPatterns, @DefaultValue("false") boolean redactIpAddresses,
		@DefaultValue("2s") Duration timeBudget, @DefaultValue List<String> disabledDetectors) {

	/** One configured detector: {@code name} becomes {@code [REDACTED:<name>]}. */
	public record CustomDetector(String name, String regex) {
	}
}
