package hudson.model;

/** Something attached to a model object (for us: to a {@link Run}). */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
