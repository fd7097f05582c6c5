/**
 * Outputs a Job leaves: marker lines scanned as logs stream, termination messages and ConfigMaps, within documented bounds.
 *
 * <p>May use: logs and the root package.
 */
package io.jenkins.plugins.kubesteps.engine.outputs;
