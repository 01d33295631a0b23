/**
 * Diagnostics: end-to-end encrypted, expiring, view-limited shares of logs and dumps that
 * link previews, scanners and database leaks cannot open.
 */
@NullMarked
package dev.watchkeeper.diagnostics;

import org.jspecify.annotations.NullMarked;
