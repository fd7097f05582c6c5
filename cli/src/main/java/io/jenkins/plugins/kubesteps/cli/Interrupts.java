package io.jenkins.plugins.kubesteps.cli;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Ctrl-C cancels the running Job instead of killing the JVM, so the Job is deleted and the result
 * (exit code 1, status CANCELLED) is still reported. A second Ctrl-C exits at once.
 */
final class Interrupts {
    private static final AtomicReference<Runnable> ACTION = new AtomicReference<>();
    private static volatile boolean installed;

    private Interrupts() {}

    static synchronized void onInterrupt(Runnable action) {
        ACTION.set(action);
        if (installed) {
            return;
        }
        installed = true;
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                Runnable a = ACTION.getAndSet(null);
                if (a == null) {
                    Runtime.getRuntime().halt(130);
                }
                System.err.println("Interrupted: cancelling the Job (press Ctrl-C again to exit at once)");
                new Thread(a, "kubesteps-cancel").start();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No signal support (e.g. some embedded JVMs): the default handling stays.
        }
    }

    static void clear() {
        ACTION.set(null);
    }
}
