/**
 * Alert intake (Alertmanager, Grafana), normalization to
 * {@link dev.watchkeeper.alerts.Alert}, deduplication by fingerprint, grouping into
 * incidents, routing to a channel, storm control.
 */
@NullMarked
package dev.watchkeeper.alerts;

import org.jspecify.annotations.NullMarked;
