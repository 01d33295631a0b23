/**
 * Actions shipped with Watchkeeper itself: the {@code noop.echo} demonstration action.
 */
@NullMarked
package dev.watchkeeper.actions.internal;

import org.jspecify.annotations.NullMarked;
