/**
 * Runbooks: loads {@code runbooks/*.md} (YAML front matter + Markdown steps), validates
 * them, and suggests the ones that fit an incident's alerts, with the reason each matched
 * and its steps rendered for those alerts.
 */
@NullMarked
package dev.watchkeeper.runbooks;

import org.jspecify.annotations.NullMarked;
