package io.jenkins.plugins.kubesteps.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ctrl-C (SIGINT) and SIGTERM — what CI systems, {@code timeout} and Jenkins send — cancel the
 * running Job instead of killing the JVM, so the Job is deleted and the result (exit code 1,
 * status CANCELLED, the --result file) is still reported. A second signal exits at once.
 */
final class Interrupts {
    private static final AtomicReference<Runnable> ACTION = new AtomicReference<>();
    private static volatile String what = "the Job";
    private static volatile boolean installed;

    private Interrupts() {}

    static synchronized void onInterrupt(Runnable action) {
        ACTION.set(action);
        if (installed) {
            return;
        }
        installed = true;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    Runnable a = ACTION.getAndSet(null);
                    if (a == null) {
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                    System.err.println(
                            "SIG" + signal.getName() + ": cancelling " + what + " (send it again to exit at once)");
                    new Thread(a, "kubesteps-cancel").start();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // No such signal on this platform, or the JVM reserves it: default handling stays.
            }
        }
    }

    static void clear() {
        ACTION.set(null);
    }

    /**
     * Waits for {@code result}; a signal meanwhile says it is cancelling {@code cancelled} ("the
     * Job") and runs {@code cancel}, after which the result still arrives (as cancelled). An
     * exception the result completed with is rethrown as it is.
     */
    static <T> T await(CompletableFuture<T> result, String cancelled, Runnable cancel) throws Exception {
        what = cancelled;
        onInterrupt(cancel);
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            clear();
        }
    }
}
