package io.jenkins.plugins.kubesteps.jenkinsapi;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-instance state of the few declarations that behave for real in unit tests (Secret's value,
 * a StepExecution's context, a FormValidation's kind).
 *
 * <p>Why it lives here: the declarations in {@code src/main/java} may only contain members that
 * the real Jenkins types expose (sigcheck rejects a member that is private in the real source),
 * so they cannot have their own private fields. This class is outside the checked folder, in the
 * compile-only jar that is never packaged. Keys are held weakly and compared by identity, so a
 * {@code Secret} whose {@code equals} reads this state can be a key.
 */
public final class ApiState {
    private static final Map<Key, Object> VALUES = new HashMap<>();
    private static final ReferenceQueue<Object> CLEARED = new ReferenceQueue<>();
    private static final ThreadLocal<Object> HANDOFF = new ThreadLocal<>();

    private ApiState() {}

    public static synchronized void put(Object owner, Object value) {
        for (Object k; (k = CLEARED.poll()) != null; ) {
            VALUES.remove(k);
        }
        VALUES.put(new Key(owner, CLEARED), value);
    }

    @SuppressWarnings("unchecked")
    public static synchronized <T> T get(Object owner) {
        return (T) VALUES.get(new Key(owner, null));
    }

    /** Passes a value to an instance initializer that runs on this thread (used before {@code new}). */
    public static void handOff(Object value) {
        HANDOFF.set(value);
    }

    @SuppressWarnings("unchecked")
    public static <T> T takeHandOff() {
        Object value = HANDOFF.get();
        HANDOFF.remove();
        return (T) value;
    }

    /** Weak identity key: equal only to a key of the very same live object. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            Object mine = get();
            return mine != null && o instanceof Key other && other.get() == mine;
        }
    }
}
