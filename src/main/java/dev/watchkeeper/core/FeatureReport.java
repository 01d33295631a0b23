package dev.watchkeeper.core;

import java.util.List;

/**
 * A module's answer to "is this feature on, and what turns it on?", logged once at
 * start-up so an operator who configured nothing sees what is off and which variable
 * enables each feature.
 */
public interface FeatureReport {

	List<Feature> features();

	/** One line of the start-up report. */
	record Feature(String name, boolean enabled, String howToEnable) {
	}

}
