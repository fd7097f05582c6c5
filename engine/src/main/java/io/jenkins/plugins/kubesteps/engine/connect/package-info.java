/**
 * Clients from credentials: kubeconfigs checked before fabric8 sees them, tokens, certificates, in-cluster accounts, the shared HTTP stack.
 *
 * <p>May use: the root package and kube.
 */
package io.jenkins.plugins.kubesteps.engine.connect;
