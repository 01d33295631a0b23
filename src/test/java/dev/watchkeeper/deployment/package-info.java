/**
 * Tests of the deployment artifacts: the Helm chart in helm/ and the container image
 * configuration.
 */
@NullMarked
package dev.watchkeeper.deployment;

import org.jspecify.annotations.NullMarked;
