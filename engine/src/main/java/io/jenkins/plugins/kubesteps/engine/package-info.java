/**
 * The engine's ports and plain vocabulary: the console the host prints to, the errors it reports, safe YAML and text input, shared threads.
 *
 * <p>May use: fabric8, Jackson, SnakeYAML. Never a feature package; never Jenkins.
 */
package io.jenkins.plugins.kubesteps.engine;
