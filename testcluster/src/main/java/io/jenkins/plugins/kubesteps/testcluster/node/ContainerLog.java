package io.jenkins.plugins.kubesteps.testcluster.node;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The log of one container instance, stored like a CRI log file: one record per line,
 * {@code <RFC3339Nano> <stdout|stderr> <F|P> <bytes>}. P marks a piece of a line that was split
 * (too long, or the process ended without a final newline); readers print it without a newline.
 */
final class ContainerLog {

    /** Same split size as containerd, so very long lines behave as on a real node. */
    static final int MAX_RECORD_BYTES = 16 * 1024;

    private final Path file;
    private final Clock clock;
    private final OutputStream out;
    private long size;
    private boolean finished;

    ContainerLog(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        Files.createDirectories(file.getParent());
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    Path file() {
        return file;
    }

    /** Appends one record; {@code content} must not contain a newline. */
    synchronized void append(String stream, byte[] content, int offset, int length, boolean partial)
            throws IOException {
        if (finished) {
            return;
        }
        byte[] header = (Rfc3339.nano(clock.instant()) + " " + stream + (partial ? " P " : " F "))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] record = new byte[header.length + length + 1];
        System.arraycopy(header, 0, record, 0, header.length);
        System.arraycopy(content, offset, record, header.length, length);
        record[record.length - 1] = '\n';
        // one write per record so a concurrent reader never sees two records interleaved
        out.write(record);
        out.flush();
        size += record.length;
        notifyAll();
    }

    /** No more records will come: followers stop once they have read everything. */
    synchronized void finish() {
        if (!finished) {
            finished = true;
            try {
                out.close();
            } catch (IOException e) {
                // nothing more can be written anyway; readers still see what is on disk
            }
            notifyAll();
        }
    }

    synchronized boolean isFinished() {
        return finished;
    }

    /** Waits until the file grows beyond {@code knownSize} or the log finishes. */
    synchronized void awaitChange(long knownSize, long timeoutMillis) throws InterruptedException {
        if (!finished && size <= knownSize) {
            wait(timeoutMillis);
        }
    }

    /** Byte offset where the last {@code lines} records start (0 when there are fewer). */
    long tailOffset(long lines) throws IOException {
        if (lines <= 0) {
            synchronized (this) {
                return size;
            }
        }
        ArrayDeque<Long> starts = new ArrayDeque<>();
        try (Cursor cursor = cursor(0)) {
            long position = 0;
            while (cursor.next() != null) {
                starts.addLast(position);
                if (starts.size() > lines) {
                    starts.removeFirst();
                }
                position = cursor.position();
            }
        }
        return starts.isEmpty() ? 0 : starts.getFirst();
    }

    Cursor cursor(long offset) throws IOException {
        return new Cursor(FileChannel.open(file, StandardOpenOption.READ), offset);
    }

    record Record(Instant time, String stream, boolean partial, byte[] content) {}

    /** Reads complete records from a position; a half-written trailing line is left for later. */
    static final class Cursor implements Closeable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long filePosition;
        private long recordPosition;

        private Cursor(FileChannel channel, long offset) {
            this.channel = channel;
            this.filePosition = offset;
            this.recordPosition = offset;
            buffer.flip();
        }

        /** Offset just after the last record returned. */
        long position() {
            return recordPosition;
        }

        /** The next complete record, or null when none is complete yet. */
        Record next() throws IOException {
            while (true) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        byte[] raw = line.toByteArray();
                        line.reset();
                        recordPosition += raw.length + 1;
                        return parse(raw);
                    }
                    line.write(b);
                }
                buffer.clear();
                int read = channel.read(buffer, filePosition);
                buffer.flip();
                if (read <= 0) {
                    return null;
                }
                filePosition += read;
            }
        }

        private static Record parse(byte[] raw) {
            int first = indexOf(raw, 0);
            int second = indexOf(raw, first + 1);
            int third = indexOf(raw, second + 1);
            String time = new String(raw, 0, first, StandardCharsets.US_ASCII);
            String stream = new String(raw, first + 1, second - first - 1, StandardCharsets.US_ASCII);
            boolean partial = raw[second + 1] == 'P';
            return new Record(Rfc3339.parse(time), stream, partial, Arrays.copyOfRange(raw, third + 1, raw.length));
        }

        private static int indexOf(byte[] raw, int from) {
            for (int i = from; i < raw.length; i++) {
                if (raw[i] == ' ') {
                    return i;
                }
            }
            throw new IllegalStateException("corrupt log record");
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Current size, as the follower's reference point for {@link #awaitChange}. */
    synchronized long size() {
        return size;
    }
}
