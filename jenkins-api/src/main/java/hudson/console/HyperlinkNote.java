package hudson.console;

/** Console annotation that renders text as a link. */
public class HyperlinkNote {
    public HyperlinkNote(String url, int length) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    /** Returns the text preceded by the serialized note; Jenkins' console renders it as a link. */
    public static String encodeTo(String url, String text) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
