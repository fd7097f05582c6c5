package hudson.model;

import java.io.Serializable;

/**
 * Outcome of a build. A real (minimal) value type: tests compare results, so the constants,
 * their order and the comparisons behave as in Jenkins; the ball colour is left out.
 *
 * <p>The real constructor and name field are private, and declarations here may only hold real
 * members, so each constant takes its ordinal from how many constants exist when it is created
 * (they are created in declaration order) and derives its name from the ordinal.
 */
public final class Result implements Serializable {
    public static final Result SUCCESS = new Result();
    public static final Result UNSTABLE = new Result();
    public static final Result FAILURE = new Result();
    public static final Result NOT_BUILT = new Result();
    public static final Result ABORTED = new Result();

    public final int ordinal;
    public final boolean completeBuild;

    {
        int created = 0;
        for (Result r : new Result[] {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED}) {
            created += r == null ? 0 : 1;
        }
        ordinal = created;
        completeBuild = created <= 2; // SUCCESS, UNSTABLE and FAILURE are complete builds
    }

    public Result combine(Result that) {
        return that.ordinal > ordinal ? that : this;
    }

    public static Result combine(Result r1, Result r2) {
        if (r1 == null || r2 == null) {
            return r1 == null ? r2 : r1;
        }
        return r1.combine(r2);
    }

    public boolean isWorseThan(Result that) {
        return ordinal > that.ordinal;
    }

    public boolean isWorseOrEqualTo(Result that) {
        return ordinal >= that.ordinal;
    }

    public boolean isBetterThan(Result that) {
        return ordinal < that.ordinal;
    }

    public boolean isBetterOrEqualTo(Result that) {
        return ordinal <= that.ordinal;
    }

    public boolean isCompleteBuild() {
        return completeBuild;
    }

    @Override
    public String toString() {
        return new String[] {"SUCCESS", "UNSTABLE", "FAILURE", "NOT_BUILT", "ABORTED"}[ordinal];
    }

    /** Unknown names give {@link #FAILURE}, as in Jenkins. */
    public static Result fromString(String s) {
        for (Result r : new Result[] {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED}) {
            if (r.toString().equalsIgnoreCase(s)) {
                return r;
            }
        }
        return FAILURE;
    }
}
