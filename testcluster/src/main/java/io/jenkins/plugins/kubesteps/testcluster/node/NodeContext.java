package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * What running a pod needs from the node: where to keep files, how to reach the API, and the
 * timings of back-offs (short by default, since this node exists for tests).
 */
record NodeContext(
        String nodeName,
        Path workDir,
        Clock clock,
        ExecutorService executor,
        ContainerEnv.Lookup lookup,
        PodApi api,
        Map<String, String> baseEnv,
        Duration restartBackoff,
        Duration retryDelay) {

    /** The API calls a pod's lifecycle makes. */
    interface PodApi {
        void publishStatus(Pod pod, PodStatus status);

        /** Removes the pod for good (grace period 0), as a kubelet does once its containers are gone. */
        void deleteNow(Pod pod);
    }
}
