package com.google.common.util.concurrent;

/** Declared from Guava 33 (pinned by Jenkins 2.541.3's bom): supertype of {@code StepContext}. */
public interface FutureCallback<V> {
    void onSuccess(V result);

    void onFailure(Throwable t);
}
