package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment the kubelet gives a container: envFrom first, then env (which wins), with
 * {@code $(VAR)} references expanded against what is defined so far. A missing ConfigMap, Secret
 * or key that is not optional is a {@link ConfigError}, which the kubelet reports as
 * CreateContainerConfigError.
 */
final class ContainerEnv {

    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern FIELD_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    /** Reads ConfigMaps and Secrets (Secret values decoded); null when the object does not exist. */
    interface Lookup {
        Map<String, String> configMap(String namespace, String name);

        Map<String, String> secret(String namespace, String name);
    }

    static final class ConfigError extends Exception {
        ConfigError(String message) {
            super(message);
        }
    }

    private ContainerEnv() {}

    static Map<String, String> resolve(Pod pod, Container container, Lookup lookup, Map<String, String> base)
            throws ConfigError {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>(base);
        for (EnvFromSource from : list(container.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            Map<String, String> data = null;
            if (from.getConfigMapRef() != null) {
                data = lookup.configMap(namespace, from.getConfigMapRef().getName());
                if (data == null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                    throw new ConfigError(
                            "configmap \"" + from.getConfigMapRef().getName() + "\" not found");
                }
            } else if (from.getSecretRef() != null) {
                data = lookup.secret(namespace, from.getSecretRef().getName());
                if (data == null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                    throw new ConfigError("secret \"" + from.getSecretRef().getName() + "\" not found");
                }
            }
            if (data != null) {
                data.forEach((key, value) -> {
                    if (ENV_NAME.matcher(prefix + key).matches()) {
                        env.put(prefix + key, value);
                    }
                });
            }
        }
        for (EnvVar var : list(container.getEnv())) {
            String value = var.getValueFrom() == null
                    ? expand(var.getValue() == null ? "" : var.getValue(), env)
                    : valueFrom(pod, container, var.getValueFrom(), lookup);
            if (value != null) {
                env.put(var.getName(), value);
            }
        }
        return env;
    }

    private static String valueFrom(Pod pod, Container container, EnvVarSource source, Lookup lookup)
            throws ConfigError {
        String namespace = pod.getMetadata().getNamespace();
        if (source.getFieldRef() != null) {
            return field(pod, source.getFieldRef().getFieldPath());
        }
        if (source.getResourceFieldRef() != null) {
            return resource(container, source.getResourceFieldRef());
        }
        if (source.getConfigMapKeyRef() != null) {
            ConfigMapKeySelector ref = source.getConfigMapKeyRef();
            return key(
                    lookup.configMap(namespace, ref.getName()),
                    "configmap",
                    "ConfigMap",
                    namespace,
                    ref.getName(),
                    ref.getKey(),
                    Boolean.TRUE.equals(ref.getOptional()));
        }
        if (source.getSecretKeyRef() != null) {
            SecretKeySelector ref = source.getSecretKeyRef();
            return key(
                    lookup.secret(namespace, ref.getName()),
                    "secret",
                    "Secret",
                    namespace,
                    ref.getName(),
                    ref.getKey(),
                    Boolean.TRUE.equals(ref.getOptional()));
        }
        return "";
    }

    private static String key(
            Map<String, String> data,
            String lower,
            String kind,
            String namespace,
            String name,
            String key,
            boolean optional)
            throws ConfigError {
        if (data == null) {
            if (optional) {
                return null;
            }
            throw new ConfigError(lower + " \"" + name + "\" not found");
        }
        String value = data.get(key);
        if (value == null && !optional) {
            throw new ConfigError("couldn't find key " + key + " in " + kind + " " + namespace + "/" + name);
        }
        return value;
    }

    static String field(Pod pod, String path) throws ConfigError {
        Matcher keyed = FIELD_KEY.matcher(path);
        if (keyed.matches()) {
            Map<String, String> map = keyed.group(1).equals("labels")
                    ? pod.getMetadata().getLabels()
                    : pod.getMetadata().getAnnotations();
            return map == null ? "" : map.getOrDefault(keyed.group(2), "");
        }
        switch (path) {
            case "metadata.name":
                return pod.getMetadata().getName();
            case "metadata.namespace":
                return pod.getMetadata().getNamespace();
            case "metadata.uid":
                return pod.getMetadata().getUid();
            case "spec.nodeName":
                return pod.getSpec().getNodeName();
            case "spec.serviceAccountName":
                return pod.getSpec().getServiceAccountName();
            case "status.podIP":
            case "status.podIPs":
                return PodStatuses.podIp(pod);
            case "status.hostIP":
            case "status.hostIPs":
                return PodStatuses.HOST_IP;
            default:
                throw new ConfigError("unsupported fieldPath: " + path);
        }
    }

    /** Without a value set, limits fall back to the node's capacity, as on a real node. */
    private static String resource(Container container, ResourceFieldSelector ref) {
        String[] parts = ref.getResource().split("\\.", 2);
        Map<String, Quantity> values = container.getResources() == null
                ? null
                : parts[0].equals("limits")
                        ? container.getResources().getLimits()
                        : container.getResources().getRequests();
        Quantity quantity = values == null ? null : values.get(parts[1]);
        if (quantity == null) {
            quantity = parts[0].equals("limits") ? NodeRegistrar.capacity().get(parts[1]) : new Quantity("0");
        }
        if (quantity == null) {
            return "0";
        }
        BigDecimal divisor =
                ref.getDivisor() == null ? BigDecimal.ONE : ref.getDivisor().getNumericalAmount();
        return quantity.getNumericalAmount()
                .divide(divisor, 0, RoundingMode.CEILING)
                .toPlainString();
    }

    /** Kubernetes' expansion: $(NAME) when NAME is defined, $$ escapes a dollar, all else stays as is. */
    static String expand(String text, Map<String, String> env) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = text.indexOf(')', i + 2);
                if (close < 0) {
                    out.append(text, i, text.length());
                    break;
                }
                String name = text.substring(i + 2, close);
                out.append(env.containsKey(name) ? env.get(name) : text.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
