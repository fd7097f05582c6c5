package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The API calls of the node's pod work, over a fabric8 client. */
final class ApiAdapter implements NodeContext.PodApi, ContainerEnv.Lookup {

    private static final Logger LOG = Logger.getLogger(ApiAdapter.class.getName());

    private final KubernetesClient client;

    ApiAdapter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void publishStatus(Pod pod, PodStatus status) {
        client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .subresource("status")
                .patch(
                        PatchContext.of(PatchType.JSON),
                        replaceStatus(pod.getMetadata().getUid(), status));
    }

    /**
     * A JSON patch that sets the whole status: no stale container state can survive (a merge
     * patch would leave fields that are now absent), and no resourceVersion is needed. "add"
     * replaces an existing member and also works where there is no status yet. With a uid, the
     * patch fails on a newer object of the same name (a StatefulSet's next pod).
     */
    static String replaceStatus(String uid, Object status) {
        Map<String, Object> replace = Map.of("op", "add", "path", "/status", "value", status);
        if (uid == null) {
            return Serialization.asJson(List.of(replace));
        }
        return Serialization.asJson(List.of(Map.of("op", "test", "path", "/metadata/uid", "value", uid), replace));
    }

    @Override
    public void deleteNow(Pod pod) {
        try {
            client.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .withGracePeriod(0)
                    .delete();
        } catch (KubernetesClientException e) {
            LOG.log(Level.FINE, "final delete of pod " + pod.getMetadata().getName() + " failed", e);
        }
    }

    @Override
    public Map<String, String> configMap(String namespace, String name) {
        ConfigMap map =
                client.configMaps().inNamespace(namespace).withName(name).get();
        if (map == null) {
            return null;
        }
        return map.getData() == null ? Map.of() : map.getData();
    }

    @Override
    public Map<String, String> secret(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData()
                    .forEach((key, value) ->
                            values.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }
}
