package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reading the state of a Job and its pods, with the nulls the API allows taken care of. */
final class PodStates {
    /** Oldest first; pods whose creation time is unknown sort first, then by name, so the order is stable. */
    static final Comparator<Pod> BY_CREATION =
            Comparator.comparing(PodStates::created).thenComparing(PodStates::name);

    private PodStates() {}

    static String name(Pod pod) {
        return pod.getMetadata() == null ? "" : String.valueOf(pod.getMetadata().getName());
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    static boolean ownedBy(Pod pod, String jobUid) {
        List<OwnerReference> owners =
                pod.getMetadata() == null ? null : pod.getMetadata().getOwnerReferences();
        return owners != null && jobUid != null && owners.stream().anyMatch(o -> jobUid.equals(o.getUid()));
    }

    /** Init containers first, in the order Kubernetes runs them. */
    static List<ContainerStatus> containers(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>();
        PodStatus status = pod.getStatus();
        if (status != null) {
            if (status.getInitContainerStatuses() != null) {
                all.addAll(status.getInitContainerStatuses());
            }
            if (status.getContainerStatuses() != null) {
                all.addAll(status.getContainerStatuses());
            }
        }
        return all;
    }

    static Instant created(Pod pod) {
        String stamp = pod.getMetadata() == null ? null : pod.getMetadata().getCreationTimestamp();
        if (stamp == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(stamp);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The Job's condition of that type whose status is True, if any. */
    static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equalsIgnoreCase(c.getStatus()))
                .findFirst();
    }
}
