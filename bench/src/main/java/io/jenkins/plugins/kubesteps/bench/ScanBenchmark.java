package io.jenkins.plugins.kubesteps.bench;

import io.jenkins.plugins.kubesteps.engine.logs.LineDecoder;
import io.jenkins.plugins.kubesteps.engine.outputs.OutputScanner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Measures how fast pod output is turned into lines and scanned for outputs: a realistic log
 * (API server timestamps on every line, non-ASCII UTF-8 in every tenth line, a property marker
 * every 500 lines, a JSON marker per MiB) is generated on the fly by cycling a 1 MiB block, and fed in 64 KiB chunks
 * through {@link LineDecoder} into {@link OutputScanner}, as a log stream is. Up to 128 MiB are
 * scanned first, not counted, so the JIT has compiled the hot path.
 */
public final class ScanBenchmark {
    static final int CHUNK_BYTES = 64 * 1024;
    static final int BLOCK_BYTES = 1024 * 1024;
    static final long WARMUP_BYTES = 128L * 1024 * 1024;

    /**
     * @param megabytesPerSecond 10^6 bytes per second
     * @param peakHeapBytes sum of the peak usage of every heap memory pool during the run (peaks
     *     reset at its start); an upper bound, as the pools may peak at different moments
     * @param outputs distinct output keys found
     */
    public record Result(long bytes, long nanos, double megabytesPerSecond, long peakHeapBytes, int outputs) {}

    private ScanBenchmark() {}

    public static Result run(long bytes) {
        return measure(bytes).result();
    }

    /** With the scanning thread's CPU time: on a busy machine wall time says more about the others. */
    private record Measurement(Result result, long cpuNanos) {}

    private static Measurement measure(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        byte[] block = block();
        // Lets the JIT compile the hot path first: a Jenkins controller or a long CLI run scans
        // with compiled code, and on a busy machine compiling can take a good part of a run.
        scan(block, Math.min(bytes, WARMUP_BYTES));
        List<MemoryPoolMXBean> heap = heapPools();
        // Collect what building the block left behind, so the peaks start from live data only.
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        OutputScanner scanner = scan(block, bytes);
        long nanos = Math.max(1, System.nanoTime() - start);
        long cpuNanos = Math.max(1, threads.getCurrentThreadCpuTime() - cpuStart);

        long peak =
                heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        double megabytesPerSecond = bytes / 1e6 / (nanos / 1e9);
        Result result = new Result(
                bytes, nanos, megabytesPerSecond, peak, scanner.outputs().size());
        return new Measurement(result, cpuNanos);
    }

    private static OutputScanner scan(byte[] block, long bytes) {
        OutputScanner scanner = new OutputScanner("benchmark", warning -> {});
        LineDecoder decoder = new LineDecoder(scanner::line);
        long remaining = bytes;
        int offset = 0;
        while (remaining > 0) {
            int n = (int) Math.min(CHUNK_BYTES, remaining);
            decoder.accept(block, offset, n);
            offset = (offset + n) % BLOCK_BYTES;
            remaining -= n;
        }
        decoder.finish();
        return scanner;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
                .collect(Collectors.toList());
    }

    /** Exactly {@link #BLOCK_BYTES} of ~100-character lines, ending with a line end. */
    static byte[] block() {
        Random random = new Random(42);
        StringBuilder log = new StringBuilder(BLOCK_BYTES + 256);
        String[] words = {
            "INFO", "DEBUG", "compiling", "module", "test", "passed", "downloaded", "artifact", "from", "cache",
            "step", "took", "ms", "warning:", "deprecated", "api", "done", "[main]", "42", "io.k8s.Job"
        };
        int used = 0;
        int lineNumber = 0;
        while (true) {
            StringBuilder line = new StringBuilder(128);
            line.append(String.format(
                    Locale.ROOT,
                    "2026-11-22T02:%02d:%02d.%09dZ ",
                    lineNumber / 60 % 60,
                    lineNumber % 60,
                    random.nextInt(1_000_000_000)));
            if (lineNumber % 500 == 250) {
                line.append("SPINNAKER_PROPERTY_KEY_").append(lineNumber % 7).append("=dmFsdWU9PQ==");
            } else if (lineNumber == 1000) {
                line.append("SPINNAKER_CONFIG_JSON={\"image\":\"registry/app:1.2.3\",\"count\":3,\"ok\":true}");
            } else {
                if (lineNumber % 10 == 3) {
                    line.append("✓ résumé → ");
                } else if (lineNumber % 10 == 7) {
                    line.append("Step ").append(lineNumber % 9).append("/9 ");
                }
                while (line.length() < 100) {
                    line.append(words[random.nextInt(words.length)]).append(' ');
                }
            }
            line.append('\n');
            int lineBytes = line.toString().getBytes(StandardCharsets.UTF_8).length;
            if (used + lineBytes >= BLOCK_BYTES) {
                return pad(log, used);
            }
            log.append(line);
            used += lineBytes;
            lineNumber++;
        }
    }

    private static byte[] pad(StringBuilder log, int used) {
        int fill = BLOCK_BYTES - used - 1;
        return (log + "x".repeat(fill) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code ScanBenchmark 1g}: sizes take a {@code k}, {@code m} or {@code g} suffix (binary). */
    public static void main(String[] args) {
        long bytes = parseSize(args.length > 0 ? args[0] : "1g");
        Measurement measurement = measure(bytes);
        Result result = measurement.result();
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(
                Locale.ROOT,
                "scanned %d bytes (%.1f MiB, after %d MiB not counted to warm up) in %.2f s: %.1f MB/s (10^6 bytes/s)%n",
                result.bytes(),
                result.bytes() / 1048576.0,
                Math.min(result.bytes(), WARMUP_BYTES) >> 20,
                result.nanos() / 1e9,
                result.megabytesPerSecond());
        System.out.printf(
                Locale.ROOT,
                "  scanning thread CPU time %.2f s: %.1f MB/s per core (GC threads not counted)%n",
                measurement.cpuNanos() / 1e9,
                result.bytes() / 1e6 / (measurement.cpuNanos() / 1e9));
        System.out.printf(
                Locale.ROOT,
                "peak heap: %.1f MiB of %.1f MiB max (sum of the peak usage of the heap memory pools,"
                        + " peaks reset when the run started)%n",
                result.peakHeapBytes() / 1048576.0,
                maxHeap / 1048576.0);
        // Eden always fills to its size before a young collection, so its peak follows -Xmx;
        // what the scan keeps alive shows in the survivor and old pools.
        System.out.println("  per pool: "
                + heapPools().stream()
                        .map(pool -> String.format(
                                Locale.ROOT,
                                "%s %.1f MiB",
                                pool.getName(),
                                pool.getPeakUsage().getUsed() / 1048576.0))
                        .collect(Collectors.joining(", ")));
        System.out.printf(Locale.ROOT, "outputs found: %d%n", result.outputs());
    }

    static long parseSize(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "Size '" + text + "' must be a number with an optional k, m or g, e.g. 1g");
        }
    }
}
