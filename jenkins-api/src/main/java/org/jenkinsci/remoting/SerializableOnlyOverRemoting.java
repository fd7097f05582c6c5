package org.jenkinsci.remoting;

import java.io.Serializable;

/** Supertype of {@link hudson.model.TaskListener}: serializable across a remoting channel only. */
public interface SerializableOnlyOverRemoting extends Serializable {}
