/**
 * Incident summaries: what is broken, how badly, since when and where, built
 * deterministically from an incident's alerts with every alert-derived string passed
 * through redaction. Renders plain text; Slack renders its own blocks.
 */
@NullMarked
package dev.watchkeeper.summary;

import org.jspecify.annotations.NullMarked;
