/**
 * Log lines from bytes: decoding that is safe for any bytes a pod prints, and timestamp prefixes.
 *
 * <p>May use: nothing of the project.
 */
package io.jenkins.plugins.kubesteps.engine.logs;
