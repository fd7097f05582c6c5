package hudson.model;

import java.util.List;

/** Base of model objects that carry {@link Action}s. */
public abstract class Actionable {
    @Deprecated
    public List<Action> getActions() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public final List<? extends Action> getAllActions() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public void replaceAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean addOrReplaceAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean removeAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean removeActions(Class<? extends Action> clazz) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
