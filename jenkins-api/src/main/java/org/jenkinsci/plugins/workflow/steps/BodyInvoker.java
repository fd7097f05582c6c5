package org.jenkinsci.plugins.workflow.steps;

/**
 * Runs a block step's body. Declared because {@link StepContext#newBodyInvoker()} returns it;
 * our steps take no body, so its members are left out.
 */
public abstract class BodyInvoker {}
