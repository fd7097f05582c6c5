package io.jenkins.plugins.kubesteps.engine.servergroup;

/** Take a server group out of its Services, or put it back. */
public enum TrafficAction {
    DISABLE("Disabling", "disabled"),
    ENABLE("Enabling", "enabled");

    private final String doing;
    private final String done;

    TrafficAction(String doing, String done) {
        this.doing = doing;
        this.done = done;
    }

    String doing() {
        return doing;
    }

    String done() {
        return done;
    }
}
