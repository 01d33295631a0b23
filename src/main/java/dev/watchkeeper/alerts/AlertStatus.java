package dev.watchkeeper.alerts;

/** Whether an alert is still firing. */
public enum AlertStatus {

	FIRING, RESOLVED;

	public static AlertStatus parse(String text) {
		return "resolved".equalsIgnoreCase(text) || "ok".equalsIgnoreCase(text) || "normal".equalsIgnoreCase(text)
				? RESOLVED : FIRING;
	}

}
