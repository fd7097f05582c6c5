package io.jenkins.plugins.kubesteps.engine.job;

import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.outputs.OutputScanner;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one container's log lines do, across all connections to its log: print, scan for outputs,
 * remember the last lines, and track the position. A connection that starts from a position
 * first skips the lines already seen (the API re-sends the whole second {@code sinceTime} names),
 * and, when the previous connection broke inside a long line, the pieces of it already printed.
 *
 * <p>{@link #piece}, {@link #beginConnection} and {@link #endConnection} are called by one
 * connection at a time; the readers ({@link #position}, {@link #lastLines}, {@link #outputs}) may
 * be called from any thread. Printing a line and counting it in the position happen under this
 * object's lock, which the readers and {@link #close} take too: a position always counts exactly
 * the lines printed, and once {@code close()} returns no line reaches the console any more (close
 * waits for a line being printed).
 */
final class ContainerLogLines {
    static final int LAST_LINES = 20;
    /** Ring entries are for failure reports; a 64 KiB piece is more than a person reads there. */
    static final int MAX_LAST_LINE_CHARS = 4096;

    private final String prefix;
    private final Console console;
    private final OutputScanner scanner;
    /** Lines logged before this are scanned but not printed (attaching "from now"); null: print all. */
    private final Instant printFrom;

    private final ArrayDeque<String> last = new ArrayDeque<>(LAST_LINES);

    // The position, guarded by this. Its timestamp text is taken from the last line only when
    // asked for: most lines have a timestamp of their own.
    private boolean positioned;
    private Instant lastInstant;
    private String lastTimestamp;
    private PodLogTimestamp lastLineTimestamp;
    private int linesAtTimestamp;
    private boolean finished;
    private boolean closed;
    private volatile long linesSeen;

    // Per connection, touched only by the connection's serial callbacks.
    private boolean skipping;
    private int skipAtTimestamp;
    private boolean inLine;
    private boolean skipLine;
    private PodLogTimestamp lineTimestamp;
    private int piecesOfLine;
    private int piecesToSkip;
    // Pieces of an unfinished line printed by a connection that broke inside it.
    private Instant brokenLineInstant;
    private int brokenLinePieces;

    /**
     * @param console where lines go, null when logs are not shown
     * @param scanner the output scanner, null when this container's outputs do not count
     * @param printFrom lines logged before this are not printed; null prints all
     */
    ContainerLogLines(
            String prefix, Console console, OutputScanner scanner, JobHandle.LogPosition start, Instant printFrom) {
        this.printFrom = printFrom;
        this.prefix = prefix;
        this.console = console;
        this.scanner = scanner;
        if (start != null) {
            positioned = true;
            lastTimestamp = start.lastTimestamp();
            lastInstant = PodLogTimestamp.parseInstant(start.lastTimestamp());
            linesAtTimestamp = start.linesAtTimestamp();
            finished = start.finished();
        }
    }

    /** Counts exactly the lines printed so far; null before the first line of a new run. */
    synchronized JobHandle.LogPosition position() {
        if (!positioned) {
            return null;
        }
        if (lastLineTimestamp != null) {
            lastTimestamp = lastLineTimestamp.text();
            lastLineTimestamp = null;
        }
        return new JobHandle.LogPosition(lastTimestamp, linesAtTimestamp, finished);
    }

    /** Whether this container's lines are scanned for outputs. */
    boolean scanned() {
        return scanner != null;
    }

    /** When the last line was logged, null before the first. */
    synchronized Instant lastInstant() {
        return lastInstant;
    }

    /** Whether the position says the container's log was read to its end. */
    synchronized boolean finished() {
        return positioned && finished;
    }

    /** Complete lines handled so far by this process (printed or skipped); tells progress apart. */
    long linesSeen() {
        return linesSeen;
    }

    /** The {@code sinceTime} for the next connection, or null to read from the beginning. */
    synchronized String sinceTime() {
        return lastInstant == null ? null : PodLogTimestamp.sinceTime(lastInstant);
    }

    /** A new connection starts at {@link #sinceTime()}. */
    synchronized void beginConnection() {
        skipping = lastInstant != null;
        skipAtTimestamp = positioned ? linesAtTimestamp : 0;
        inLine = false;
        // a restarted container: its new instance is read again
        finished = false;
    }

    /**
     * The connection ended.
     *
     * @param complete the container's log was read to its end; otherwise the connection broke and
     *     an unfinished line will be read again by the next connection
     */
    synchronized void endConnection(boolean complete) {
        if (complete) {
            positioned = true;
            finished = true;
            brokenLinePieces = 0;
        } else if (inLine && !skipLine && lineTimestamp != null) {
            brokenLineInstant = lineTimestamp.instant();
            brokenLinePieces = piecesOfLine;
        }
        inLine = false;
    }

    /** No line is printed, scanned or counted any more; waits for a line being printed. */
    synchronized void close() {
        closed = true;
    }

    /** A {@link io.jenkins.plugins.kubesteps.engine.logs.LineDecoder} piece of a line with its API timestamp. */
    synchronized void piece(String text, boolean continues) {
        if (closed) {
            return;
        }
        String content = text;
        if (!inLine) {
            lineTimestamp = PodLogTimestamp.parse(text);
            if (lineTimestamp != null) {
                content = text.substring(lineTimestamp.contentStart());
            }
            skipLine = alreadySeen(lineTimestamp);
            piecesOfLine = 0;
            piecesToSkip = 0;
            if (!skipLine) {
                if (brokenLinePieces > 0
                        && lineTimestamp != null
                        && lineTimestamp.instant().equals(brokenLineInstant)) {
                    piecesToSkip = brokenLinePieces;
                }
                brokenLinePieces = 0;
            }
        }
        inLine = continues;
        if (!skipLine) {
            piecesOfLine++;
            if (piecesToSkip > 0) {
                piecesToSkip--;
            } else {
                emit(content, continues);
            }
        }
        if (!continues) {
            if (!skipLine) {
                advance(lineTimestamp);
            }
            linesSeen++;
        }
    }

    private boolean alreadySeen(PodLogTimestamp ts) {
        if (!skipping) {
            return false;
        }
        if (ts != null) {
            int order = ts.instant().compareTo(lastInstant);
            if (order < 0) {
                return true;
            }
            if (order == 0 && skipAtTimestamp > 0) {
                skipAtTimestamp--;
                return true;
            }
        }
        // the log is in order: from the first new line on, everything is new
        skipping = false;
        return false;
    }

    private void advance(PodLogTimestamp ts) {
        if (ts == null) {
            return;
        }
        if (positioned && ts.instant().equals(lastInstant)) {
            linesAtTimestamp++;
        } else {
            positioned = true;
            lastInstant = ts.instant();
            lastLineTimestamp = ts;
            linesAtTimestamp = 1;
        }
        finished = false;
    }

    private void emit(String content, boolean continues) {
        boolean print = printFrom == null
                || lineTimestamp == null
                || !lineTimestamp.instant().isBefore(printFrom);
        if (console != null && print) {
            console.line(prefix.isEmpty() ? content : prefix + content);
        }
        if (scanner != null) {
            scanner.line(content, continues);
        }
        if (last.size() == LAST_LINES) {
            last.removeFirst();
        }
        last.addLast(
                content.length() > MAX_LAST_LINE_CHARS ? content.substring(0, MAX_LAST_LINE_CHARS) + "…" : content);
    }

    synchronized List<String> lastLines() {
        return List.copyOf(last);
    }

    /** How many outputs were dropped at the bounds; see {@link OutputScanner#summary()}. */
    synchronized List<String> outputSummary() {
        return scanner == null ? List.of() : scanner.summary();
    }

    /** Outputs found so far; empty when this container's outputs do not count. */
    synchronized Map<String, Object> outputs() {
        return scanner == null ? Map.of() : new LinkedHashMap<>(scanner.outputs());
    }
}
