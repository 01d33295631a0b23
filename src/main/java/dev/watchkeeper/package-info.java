/**
 * Watchkeeper: the application entry point and cross-cutting wiring (settings binding,
 * start-up report).
 */
@NullMarked
package dev.watchkeeper;

import org.jspecify.annotations.NullMarked;
