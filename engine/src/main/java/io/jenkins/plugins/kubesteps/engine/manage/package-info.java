/**
 * Lifecycle operations on targets: delete, scale, undo a rollout, patch; each waits for its effect.
 *
 * <p>May use: the shared packages, and servergroup's target resolution (until one target model serves both).
 */
package io.jenkins.plugins.kubesteps.engine.manage;
