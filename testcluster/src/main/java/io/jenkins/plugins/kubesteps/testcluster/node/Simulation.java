package io.jenkins.plugins.kubesteps.testcluster.node;

import java.util.Map;

/**
 * Failures a test can ask the simulated node for, since it pulls no images and enforces no
 * limits. See testcluster/README-node.md.
 */
final class Simulation {

    /** Env var of a container that selects a simulated outcome. */
    static final String ENV = "KUBESTEPS_SIMULATE";

    private Simulation() {}

    /** Images named does-not-exist… (in any registry or repository) fail to pull. */
    static boolean imagePullFails(String image) {
        return image != null && lastSegment(image).startsWith("does-not-exist");
    }

    /** The container runs its command, then is reported as killed for exceeding its memory limit. */
    static boolean oomKilled(String image, Map<String, String> env) {
        return "OOMKilled".equals(env.get(ENV))
                || (image != null && repository(image).endsWith("kubesteps/oomkill"));
    }

    private static String repository(String image) {
        String name = image;
        int digest = name.indexOf('@');
        if (digest >= 0) {
            name = name.substring(0, digest);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name;
    }

    private static String lastSegment(String image) {
        String repository = repository(image);
        return repository.substring(repository.lastIndexOf('/') + 1);
    }
}
