package io.jenkins.plugins.kubesteps;

import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;

/** Lets someone looking at the cluster find the build that made an object: its URL and {@code folder/job#number}. */
final class BuildAnnotations {
    private BuildAnnotations() {}

    static Map<String, String> of(Run<?, ?> run) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("jenkins.io/build", run.getExternalizableId());
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        String root = jenkins == null ? null : jenkins.getRootUrl();
        if (root != null) {
            annotations.put("jenkins.io/build-url", root + run.getUrl());
        }
        return annotations;
    }
}
