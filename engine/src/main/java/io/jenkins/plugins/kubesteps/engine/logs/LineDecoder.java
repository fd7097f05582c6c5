package io.jenkins.plugins.kubesteps.engine.logs;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns a byte stream into text lines with bounded memory. Lines end at {@code \n}; a trailing
 * {@code \r} is stripped; invalid UTF-8 becomes U+FFFD; a UTF-8 sequence cut between two {@link
 * #accept} calls is decoded correctly. A line longer than the limit is delivered in pieces of at
 * most that many characters, each but the last with {@code continues = true}. The last piece may
 * be empty when the line's only byte past a full piece was the stripped {@code \r}.
 *
 * <p>Decoding is done per line (or per piece) with the JDK's UTF-8 decoder, which replaces
 * malformed input exactly like a {@link java.nio.charset.CharsetDecoder} set to {@code REPLACE}.
 * Because {@code \n} never occurs inside a UTF-8 sequence and a piece is only cut before an
 * incomplete trailing sequence, the result does not depend on how the bytes were chunked.
 *
 * <p>Not thread-safe: one decoder per stream.
 */
public final class LineDecoder {
    public static final int DEFAULT_MAX_LINE_CHARS = 64 * 1024;

    /** Pieces are cut at character boundaries, so a piece needs room for a whole 4-byte sequence. */
    static final int MIN_MAX_LINE_CHARS = 8;

    private static final int INITIAL_BUFFER = 1024;

    /** Receives decoded lines. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param text the line, or one piece of a long line, without terminator
         * @param continues true when this is not the line's last piece
         */
        void line(String text, boolean continues);
    }

    private final int maxLineChars;
    private final Listener listener;

    /**
     * Bytes of the current line that are not delivered yet; never longer than {@link
     * #maxLineChars}. UTF-8 needs at least one byte per char, so decoding it never yields more
     * chars than the limit.
     */
    private byte[] pending = new byte[0];

    private int pendingLength;

    public LineDecoder(Listener listener) {
        this(DEFAULT_MAX_LINE_CHARS, listener);
    }

    public LineDecoder(int maxLineChars, Listener listener) {
        if (maxLineChars < MIN_MAX_LINE_CHARS) {
            throw new IllegalArgumentException(
                    "maxLineChars must be at least " + MIN_MAX_LINE_CHARS + ", was " + maxLineChars);
        }
        this.maxLineChars = maxLineChars;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public void accept(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        int start = offset;
        while (start < end) {
            int newline = indexOfNewline(bytes, start, end);
            if (newline < 0) {
                append(bytes, start, end - start);
                return;
            }
            if (pendingLength == 0 && newline - start <= maxLineChars) {
                // The common case: the whole line is in this chunk, decode it without copying.
                deliverLast(bytes, start, newline);
            } else {
                append(bytes, start, newline - start);
                deliverLast(pending, 0, pendingLength);
                pendingLength = 0;
            }
            start = newline + 1;
        }
    }

    /** End of stream: delivers an unterminated last line, if any. */
    public void finish() {
        if (pendingLength > 0) {
            int length = pendingLength;
            pendingLength = 0;
            deliverLast(pending, 0, length);
        }
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] bytes, int from, int length) {
        while (length > 0) {
            if (pendingLength == maxLineChars) {
                // Flushed only when more of the line follows, so a line of exactly the limit
                // stays one piece and its trailing \r is still seen when its \n arrives.
                deliverPiece();
            }
            int n = Math.min(length, maxLineChars - pendingLength);
            ensureCapacity(pendingLength + n);
            System.arraycopy(bytes, from, pending, pendingLength, n);
            pendingLength += n;
            from += n;
            length -= n;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > pending.length) {
            int grown = Math.max(needed, Math.max(INITIAL_BUFFER, pending.length * 2));
            byte[] bigger = new byte[Math.min(grown, maxLineChars)];
            System.arraycopy(pending, 0, bigger, 0, pendingLength);
            pending = bigger;
        }
    }

    private void deliverPiece() {
        int cut = completeSequencesEnd(pending, pendingLength);
        listener.line(new String(pending, 0, cut, StandardCharsets.UTF_8), true);
        int carried = pendingLength - cut;
        System.arraycopy(pending, cut, pending, 0, carried);
        pendingLength = carried;
    }

    private void deliverLast(byte[] bytes, int from, int to) {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        listener.line(new String(bytes, from, to - from, StandardCharsets.UTF_8), false);
    }

    /**
     * Where the bytes stop forming whole characters: before a trailing lead byte whose sequence
     * is not complete yet (its continuation bytes are in the next chunk). Malformed bytes count
     * as complete: they decode to U+FFFD whatever follows.
     */
    static int completeSequencesEnd(byte[] bytes, int length) {
        int limit = Math.max(0, length - 3);
        int i = length - 1;
        while (i >= limit && (bytes[i] & 0xC0) == 0x80) {
            i--;
        }
        if (i < limit) {
            return length;
        }
        int lead = bytes[i] & 0xFF;
        int sequenceLength = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return length - i < sequenceLength ? i : length;
    }
}
