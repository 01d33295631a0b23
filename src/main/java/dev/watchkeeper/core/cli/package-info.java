/**
 * Command-line entry points that modules contribute to
 * {@code java -jar watchkeeper.jar <command>}.
 */
@NullMarked
@NamedInterface("cli")
package dev.watchkeeper.core.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
