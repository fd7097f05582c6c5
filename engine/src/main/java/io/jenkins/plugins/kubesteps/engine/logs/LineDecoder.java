package io.jenkins.plugins.kubesteps.engine.logs;

/**
 * Turns a byte stream into text lines with bounded memory. Lines end at {@code \n}; a trailing
 * {@code \r} is stripped; invalid UTF-8 becomes U+FFFD; a UTF-8 sequence cut between two {@link
 * #accept} calls is decoded correctly. A line longer than the limit is delivered in pieces of at
 * most that many characters, each but the last with {@code continues = true}.
 *
 * <p>Not thread-safe: one decoder per stream.
 */
public final class LineDecoder {
    public static final int DEFAULT_MAX_LINE_CHARS = 64 * 1024;

    /** Receives decoded lines. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param text the line, or one piece of a long line, without terminator
         * @param continues true when this is not the line's last piece
         */
        void line(String text, boolean continues);
    }

    public LineDecoder(Listener listener) {
        this(DEFAULT_MAX_LINE_CHARS, listener);
    }

    public LineDecoder(int maxLineChars, Listener listener) {
        throw new UnsupportedOperationException("not built yet");
    }

    public void accept(byte[] bytes, int offset, int length) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** End of stream: delivers an unterminated last line, if any. */
    public void finish() {
        throw new UnsupportedOperationException("not built yet");
    }
}
