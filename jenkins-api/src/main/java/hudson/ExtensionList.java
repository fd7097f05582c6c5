package hudson;

import java.util.AbstractList;

/** The registered instances of one extension type. */
public class ExtensionList<T> extends AbstractList<T> {
    public <U extends T> U get(Class<U> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static <T> ExtensionList<T> lookup(Class<T> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
