/**
 * Kubernetes vocabulary every operation shares: kinds and their discovery, manifests as maps, labels and annotations, stability rules and the watch that applies them, image binding, how an operation ended.
 *
 * <p>May use: the root package and watch. Never a feature package (job, deploy, manage, servergroup).
 */
package io.jenkins.plugins.kubesteps.engine.kube;
