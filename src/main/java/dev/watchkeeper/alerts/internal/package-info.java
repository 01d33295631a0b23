/**
 * Alert intake internals: webhook endpoints, the streaming parser, grouping rules,
 * storage and the export.
 */
@NullMarked
package dev.watchkeeper.alerts.internal;

import org.jspecify.annotations.NullMarked;
