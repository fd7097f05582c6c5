/**
 * Deploy manifests: bind artifacts, version, apply server-side, wait until every object is stable, then manage traffic per strategy.
 *
 * <p>May use: the shared packages, and servergroup for what a strategy does to traffic.
 */
package io.jenkins.plugins.kubesteps.engine.deploy;
