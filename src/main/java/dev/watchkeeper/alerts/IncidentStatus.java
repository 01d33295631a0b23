package dev.watchkeeper.alerts;

/** Whether an incident still has firing alerts. */
public enum IncidentStatus {

	/** At least one alert is firing. */
	OPEN,

	/** Every alert has resolved. */
	RESOLVED

}
