package jenkins;

/** Element type of {@link hudson.Extension#dynamicLoadable()}. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE;

    public static Boolean toBoolean(YesNoMaybe v) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public Boolean toBool() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
