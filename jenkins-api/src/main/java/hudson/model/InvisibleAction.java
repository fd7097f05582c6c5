package hudson.model;

/**
 * An action without a UI. The three getters return null like the real ones, so plugin unit
 * tests may call them.
 */
public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        return null;
    }

    @Override
    public final String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
