/**
 * What Watchkeeper can run: the {@link dev.watchkeeper.actions.Action} SPI (type, risk
 * tier, parameter schema, read-only preview, permit-guarded execution, effect
 * verification) and the {@link dev.watchkeeper.actions.ActionRegistry}.
 */
@NullMarked
package dev.watchkeeper.actions;

import org.jspecify.annotations.NullMarked;
