/**
 * One watch shared by every operation that follows the same kind in the same namespace, restarted when the server ends it.
 *
 * <p>May use: the root package.
 */
package io.jenkins.plugins.kubesteps.engine.watch;
