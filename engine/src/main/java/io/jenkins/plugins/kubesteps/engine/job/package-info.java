/**
 * Run a Kubernetes Job: create it, stream its pods' logs, fail fast on stuck pods, capture outputs, clean up, resume from a handle.
 *
 * <p>May use: the shared packages (root, kube, connect, outputs, logs, watch). Never another feature package.
 */
package io.jenkins.plugins.kubesteps.engine.job;
