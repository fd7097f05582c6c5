package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.SafeYaml.Document;
import io.jenkins.plugins.kubesteps.engine.kube.KubeLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Reads the user's Job manifest and prepares it for creation. */
public final class JobManifest {
    private static final String NEED = "runK8sJob needs exactly one batch/v1 Job";
    private static final List<String> POD_SPEC = List.of("spec", "template", "spec");
    private static final List<String> SERVER_LABELS =
            List.of("controller-uid", "job-name", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name");

    private JobManifest() {}

    /**
     * Loads exactly one {@code batch/v1} Job from YAML or JSON text (safe loading, size and alias
     * limits).
     *
     * @throws io.jenkins.plugins.kubesteps.engine.InvalidInputException naming {@code source}, the
     *     line/column where the parser gives it, and what to do
     */
    public static Job load(String text, String source) {
        String src = source == null || source.isBlank() ? "manifest" : source;
        List<Document> docs = SafeYaml.loadAll(text, src, false);
        if (docs.isEmpty()) {
            throw new InvalidInputException(src + ": contains no YAML document; " + NEED);
        }
        for (Document doc : docs) {
            String problem = whyNotAJob(doc);
            if (problem != null) {
                throw new InvalidInputException(src + ": document " + doc.number() + " (line "
                        + (doc.node().getStartMark().getLine() + 1) + ") " + problem);
            }
        }
        if (docs.size() > 1) {
            String numbers = docs.stream().map(d -> String.valueOf(d.number())).collect(Collectors.joining(", "));
            throw new InvalidInputException(src + ": contains " + docs.size() + " Jobs (documents " + numbers + "); "
                    + NEED + ". Run each Job with its own step.");
        }
        Document doc = docs.get(0);
        Job job = SafeYaml.convert(doc, Job.class, src, false);
        validate(job, doc, src);
        return job;
    }

    /**
     * Returns a copy ready to create: namespace (request override > manifest > {@code
     * defaultNamespace} > "default"), the request's labels (Job and pod template) and annotations
     * added without replacing the user's, {@code ttlSecondsAfterFinished} set under {@link
     * CleanupPolicy#TTL} when absent, {@code activeDeadlineSeconds} (timeout + {@link
     * JobRequest#DEADLINE_MARGIN}) when absent unless the request turns it off. Label values that Kubernetes would refuse are made valid with
     * {@link KubeLabels#sanitizeValue(String)}; an invalid label or annotation key is an error.
     * Fields only the server sets (status, uid, resourceVersion, the generated selector and its
     * labels) are dropped, so a Job copied from {@code kubectl get -o yaml} can be run again.
     */
    public static Job prepare(Job job, JobRequest request, String defaultNamespace) {
        Job copy = SafeYaml.serialization().clone(job);
        ObjectMeta meta = orCreate(copy::getMetadata, copy::setMetadata, ObjectMeta::new);
        dropServerFields(copy, meta);
        String namespace = firstNonBlank(request.namespace(), meta.getNamespace(), defaultNamespace, "default");
        if (!KubeLabels.isValidNamespace(namespace)) {
            throw new InvalidInputException("namespace '" + namespace + "' is not a valid Kubernetes namespace name:"
                    + " use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        meta.setNamespace(namespace);

        Map<String, String> labels = new LinkedHashMap<>();
        request.labels().forEach((k, v) -> {
            KubeLabels.checkKey(k, "label");
            labels.put(k, KubeLabels.sanitizeValue(v));
        });
        request.annotations().keySet().forEach(k -> KubeLabels.checkKey(k, "annotation"));

        meta.setLabels(addMissing(meta.getLabels(), labels));
        meta.setAnnotations(addMissing(meta.getAnnotations(), request.annotations()));

        JobSpec spec = orCreate(copy::getSpec, copy::setSpec, JobSpec::new);
        PodTemplateSpec template = orCreate(spec::getTemplate, spec::setTemplate, PodTemplateSpec::new);
        ObjectMeta podMeta = orCreate(template::getMetadata, template::setMetadata, ObjectMeta::new);
        podMeta.setLabels(addMissing(podMeta.getLabels(), labels));

        if (request.cleanup() == CleanupPolicy.TTL
                && spec.getTtlSecondsAfterFinished() == null
                && request.ttlSecondsAfterFinished() >= 0) {
            spec.setTtlSecondsAfterFinished(request.ttlSecondsAfterFinished());
        }
        if (request.activeDeadline() && spec.getActiveDeadlineSeconds() == null) {
            // a follower that dies (SIGKILL, a lost agent) must not leave the Job running unbounded
            java.time.Duration timeout = request.timeout() == null ? JobRequest.DEFAULT_TIMEOUT : request.timeout();
            spec.setActiveDeadlineSeconds(
                    timeout.plus(JobRequest.DEADLINE_MARGIN).toSeconds());
        }
        return copy;
    }

    private static void dropServerFields(Job job, ObjectMeta meta) {
        job.setStatus(null);
        meta.setUid(null);
        meta.setResourceVersion(null);
        meta.setCreationTimestamp(null);
        meta.setGeneration(null);
        meta.setManagedFields(null);
        meta.setSelfLink(null);
        JobSpec spec = job.getSpec();
        if (spec != null && !Boolean.TRUE.equals(spec.getManualSelector())) {
            // the server generates the selector and refuses one it did not generate
            spec.setSelector(null);
            if (spec.getTemplate() != null
                    && spec.getTemplate().getMetadata() != null
                    && spec.getTemplate().getMetadata().getLabels() != null) {
                SERVER_LABELS.forEach(spec.getTemplate().getMetadata().getLabels()::remove);
            }
        }
    }

    /** Null when {@code doc} is a batch/v1 Job, else the end of a sentence saying what it is. */
    private static String whyNotAJob(Document doc) {
        if (!(doc.value() instanceof Map<?, ?> map)) {
            return "is " + doc.shape() + ", not a Kubernetes object; " + NEED;
        }
        Object kind = map.get("kind");
        Object apiVersion = map.get("apiVersion");
        if (kind == null) {
            return "has no kind; " + NEED + " (kind: Job, apiVersion: batch/v1)";
        }
        if (!"Job".equals(kind)) {
            return "is " + article(String.valueOf(kind)) + "; " + NEED;
        }
        if (apiVersion == null) {
            return "is a Job without apiVersion; " + NEED + ": write apiVersion: batch/v1";
        }
        if (!"batch/v1".equals(apiVersion)) {
            return "is a Job with apiVersion " + apiVersion + "; " + NEED + ": write apiVersion: batch/v1";
        }
        return null;
    }

    private static void validate(Job job, Document doc, String src) {
        ObjectMeta meta = job.getMetadata();
        if (meta == null || (isBlank(meta.getName()) && isBlank(meta.getGenerateName()))) {
            throw missing(
                    doc,
                    src,
                    List.of("metadata", "name"),
                    "give the Job a name (metadata.name: my-job) or a"
                            + " prefix the server completes (metadata.generateName: my-job-)");
        }
        PodSpec pod = job.getSpec() == null
                        || job.getSpec().getTemplate() == null
                        || job.getSpec().getTemplate().getSpec() == null
                ? null
                : job.getSpec().getTemplate().getSpec();
        List<Object> containersPath = path(POD_SPEC, "containers");
        if (pod == null || pod.getContainers() == null || pod.getContainers().isEmpty()) {
            throw missing(doc, src, containersPath, "list at least one container with a name and an image");
        }
        for (int i = 0; i < pod.getContainers().size(); i++) {
            Container c = pod.getContainers().get(i);
            if (c == null || isBlank(c.getName())) {
                List<Object> p = path(containersPath, i);
                p.add("name");
                throw missing(doc, src, p, "give every container a name");
            }
        }
        String policy = pod.getRestartPolicy();
        if (!"Never".equals(policy) && !"OnFailure".equals(policy)) {
            List<Object> p = path(POD_SPEC, "restartPolicy");
            String what = policy == null ? "is missing" : "is '" + policy + "'";
            throw new InvalidInputException(SafeYaml.locate(doc, p, src) + ": " + SafeYaml.fieldPath(p) + " " + what
                    + ": a Job's pods need restartPolicy: Never (or OnFailure)");
        }
    }

    private static InvalidInputException missing(Document doc, String src, List<?> path, String hint) {
        return new InvalidInputException(
                SafeYaml.locate(doc, path, src) + ": " + SafeYaml.fieldPath(path) + " is missing: " + hint);
    }

    private static List<Object> path(List<?> base, Object next) {
        List<Object> p = new ArrayList<>(base);
        p.add(next);
        return p;
    }

    private static String article(String kind) {
        return ("AEIOU".indexOf(kind.isEmpty() ? 'x' : Character.toUpperCase(kind.charAt(0))) >= 0 ? "an " : "a ")
                + kind;
    }

    private static Map<String, String> addMissing(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> result = existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing);
        added.forEach((k, v) -> {
            if (!result.containsKey(k)) {
                result.put(k, v);
            }
        });
        return result;
    }

    private static <T> T orCreate(Supplier<T> getter, Consumer<T> setter, Supplier<T> factory) {
        T value = getter.get();
        if (value == null) {
            value = factory.get();
            setter.accept(value);
        }
        return value;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!isBlank(v)) {
                return v.trim();
            }
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
