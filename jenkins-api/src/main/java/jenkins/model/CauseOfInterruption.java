package jenkins.model;

import java.io.Serializable;

/** Why a build or step was interrupted. */
public abstract class CauseOfInterruption implements Serializable {
    public abstract String getShortDescription();
}
