/**
 * Bolt wiring: the App, the servlet, the signature check in front of it, Socket Mode, the
 * /wk router.
 */
@NullMarked
package dev.watchkeeper.slack.internal;

import org.jspecify.annotations.NullMarked;
