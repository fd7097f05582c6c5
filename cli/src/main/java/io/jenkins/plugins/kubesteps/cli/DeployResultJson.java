package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code deploy --result} file: status, objects, failure, warnings. */
final class DeployResultJson {
    private DeployResultJson() {}

    static Map<String, Object> toMap(DeployResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().name());
        m.put("objects", r.objectMaps());
        if (r.failure() == null) {
            m.put("failure", null);
        } else {
            Map<String, Object> f =
                    ResultJson.failure(r.failure().reason(), r.failure().message());
            f.put(
                    "objects",
                    r.failure().objects().stream().map(DeployedObject::toMap).toList());
            m.put("failure", f);
        }
        m.put("warnings", r.warnings());
        return m;
    }

    static String text(DeployResult r) {
        return ResultJson.pretty(toMap(r));
    }

    static void write(DeployResult r, Path file) throws IOException {
        ResultJson.write(toMap(r), file);
    }
}
