package hudson.model;

/** An object with a name to show in the UI. */
public interface ModelObject {
    String getDisplayName();
}
