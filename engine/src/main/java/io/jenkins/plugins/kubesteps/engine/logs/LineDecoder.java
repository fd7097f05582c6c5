package io.jenkins.plugins.kubesteps.engine.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns a byte stream into text lines with bounded memory. Lines end at {@code \n}; a trailing
 * {@code \r} is stripped; invalid UTF-8 becomes U+FFFD; a UTF-8 sequence cut between two {@link
 * #accept} calls is decoded correctly. A line longer than the limit is delivered in pieces of at
 * most that many characters, each but the last with {@code continues = true}.
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

    static final int MAX_MAX_LINE_CHARS = 256 * 1024 * 1024;

    private static final int INITIAL_BUFFER = 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

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
     * Bytes of a line that spans chunks, not delivered yet. Pieces are cut after at most {@link
     * #maxLineChars} bytes: UTF-8 needs at least one byte per char, so a piece never has more chars
     * than the limit.
     */
    private byte[] pending = new byte[0];

    private int pendingLength;

    public LineDecoder(Listener listener) {
        this(DEFAULT_MAX_LINE_CHARS, listener);
    }

    public LineDecoder(int maxLineChars, Listener listener) {
        if (maxLineChars < MIN_MAX_LINE_CHARS || maxLineChars > MAX_MAX_LINE_CHARS) {
            throw new IllegalArgumentException("maxLineChars must be at least " + MIN_MAX_LINE_CHARS + " and at most "
                    + MAX_MAX_LINE_CHARS + ", was " + maxLineChars);
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
            if (pendingLength == 0) {
                // The common case: the whole line is in this chunk, decode it without copying.
                deliverLine(bytes, start, newline);
            } else {
                append(bytes, start, newline - start);
                deliverLine(pending, 0, pendingLength);
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
            deliverLine(pending, 0, length);
        }
    }

    /**
     * Looks at 8 bytes per step (a SWAR zero-byte test on {@code word ^ 0x0A...}): this loop sees
     * every byte a pod prints.
     */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long zeroBytes = (word - ONES) & ~word & HIGH_BITS;
            if (zeroBytes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Keeps at most one byte more than a piece may hold: a line of exactly the limit followed by
     * {@code \r\n} must still become one piece, and the {@code \r} only turns out to be a line
     * end when the {@code \n} arrives.
     */
    private void append(byte[] bytes, int from, int length) {
        int capacity = maxLineChars + 1;
        while (length > 0) {
            if (pendingLength == capacity) {
                int cut = completeSequencesEnd(pending, 0, maxLineChars);
                listener.line(new String(pending, 0, cut, StandardCharsets.UTF_8), true);
                pendingLength -= cut;
                System.arraycopy(pending, cut, pending, 0, pendingLength);
            }
            int n = Math.min(length, capacity - pendingLength);
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
            byte[] bigger = new byte[Math.min(grown, maxLineChars + 1)];
            System.arraycopy(pending, 0, bigger, 0, pendingLength);
            pending = bigger;
        }
    }

    /** The bytes of one whole line, without its {@code \n}. */
    private void deliverLine(byte[] bytes, int from, int to) {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        while (to - from > maxLineChars) {
            int cut = completeSequencesEnd(bytes, from, from + maxLineChars);
            listener.line(new String(bytes, from, cut - from, StandardCharsets.UTF_8), true);
            from = cut;
        }
        listener.line(new String(bytes, from, to - from, StandardCharsets.UTF_8), false);
    }

    /**
     * Where the bytes stop forming whole characters: before a trailing lead byte whose sequence
     * is not complete yet (its continuation bytes are in the next chunk). Malformed bytes count
     * as complete: they decode to U+FFFD whatever follows.
     */
    static int completeSequencesEnd(byte[] bytes, int from, int to) {
        int limit = Math.max(from, to - 3);
        int i = to - 1;
        while (i >= limit && (bytes[i] & 0xC0) == 0x80) {
            i--;
        }
        if (i < limit) {
            return to;
        }
        int lead = bytes[i] & 0xFF;
        int sequenceLength = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return to - i < sequenceLength ? i : to;
    }
}
