/**
 * Server groups and their traffic: resolve a target in a moniker cluster, enable or disable it behind its Services, wait until EndpointSlices agree.
 *
 * <p>May use: the shared packages. Never another feature package.
 */
package io.jenkins.plugins.kubesteps.engine.servergroup;
