package io.jenkins.plugins.kubesteps.testcluster.node;

import java.time.Instant;

/** What the node knows about one container of a pod; guarded by the owning {@link PodRun}. */
final class ContainerRecord {

    enum State {
        WAITING,
        RUNNING,
        TERMINATED
    }

    /** A finished instance: the current state, or lastState after a restart. */
    record Terminated(
            int exitCode, String reason, String message, Instant startedAt, Instant finishedAt, String containerId) {}

    final String name;
    final String image;
    final boolean init;
    State state = State.WAITING;
    String waitingReason;
    String waitingMessage;
    Instant startedAt;
    String containerId;
    Terminated terminated;
    Terminated lastTerminated;
    int restartCount;

    ContainerRecord(String name, String image, boolean init, String waitingReason) {
        this.name = name;
        this.image = image;
        this.init = init;
        this.waitingReason = waitingReason;
    }

    void waiting(String reason, String message) {
        state = State.WAITING;
        waitingReason = reason;
        waitingMessage = message;
    }

    void running(Instant at, String id) {
        state = State.RUNNING;
        startedAt = at;
        containerId = id;
        waitingReason = null;
        waitingMessage = null;
    }

    void terminated(Terminated result) {
        state = State.TERMINATED;
        terminated = result;
        waitingReason = null;
        waitingMessage = null;
    }

    /** Waiting for a restart: the finished instance moves to lastState, as the kubelet shows it. */
    void backOff(String message) {
        lastTerminated = terminated;
        terminated = null;
        waiting("CrashLoopBackOff", message);
    }

    boolean succeeded() {
        return state == State.TERMINATED && terminated.exitCode() == 0;
    }

    boolean failed() {
        return state == State.TERMINATED && terminated.exitCode() != 0;
    }
}
