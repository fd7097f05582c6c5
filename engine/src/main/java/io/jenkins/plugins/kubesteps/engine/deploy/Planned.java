package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;

/**
 * One object ready to apply.
 *
 * @param object what the result reports (status {@link DeployedObject#NOT_APPLIED} until applied)
 * @param maxVersionHistory versions to keep after the deploy is stable; null keeps all
 */
record Planned(
        Manifest manifest,
        KindInfo kind,
        String baseName,
        DeployedObject object,
        Strategy strategy,
        Integer maxVersionHistory) {

    /** How the object reaches the cluster. */
    enum Strategy {
        /** server-side apply, the default */
        APPLY,
        /** PUT over the live object ({@code strategy.spinnaker.io/replace}) */
        REPLACE,
        /** delete, wait until gone, create ({@code strategy.spinnaker.io/recreate}) */
        RECREATE,
        /** POST: the object has only a generateName */
        CREATE
    }
}
