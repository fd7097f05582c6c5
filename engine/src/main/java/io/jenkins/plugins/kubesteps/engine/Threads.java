package io.jenkins.plugins.kubesteps.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the engine makes its shared pools: daemon threads named after their work (a thread dump of
 * a Jenkins controller says whose they are), never more than a fixed number, none while idle.
 */
public final class Threads {
    private Threads() {}

    /** At most {@code threads} threads; idle ones end after 30 s; work beyond them waits in line. */
    public static ExecutorService fixed(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** One timer thread; cancelled tasks leave its queue at once (long timeouts of finished work would stay). */
    public static ScheduledThreadPoolExecutor timer(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon(name));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Daemon threads called {@code name-1}, {@code name-2}, … */
    public static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
