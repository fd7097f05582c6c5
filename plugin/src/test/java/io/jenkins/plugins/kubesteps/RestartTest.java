package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Jenkins restarts while the Kubernetes Job runs: the resumed step re-attaches to the same Job,
 * prints every log line exactly once across the restarts, and returns the outputs; Abort after a
 * restart still ends the step and deletes the Job. A deploy waits again after a restart.
 */
class RestartTest {
    private static final int LINES = 60;

    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    @RegisterExtension
    JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void everyLineExactlyOnceAcrossTwoRestarts() throws Throwable {
        sessions.then(r -> {
            KubeTestSupport.addClusterCredentials(r.jenkins);
            String manifest = KubeTestSupport.job(
                    "numbered",
                    "for i in $(seq 1 " + LINES + "); do echo line-$i.; sleep 0.25; done;"
                            + " echo SPINNAKER_PROPERTY_LAST=" + LINES);
            WorkflowJob p = r.createProject(WorkflowJob.class, "restart");
            p.setDefinition(new CpsFlowDefinition(
                    "def out = runK8sJob(credentialsId: '%s', namespace: 'default', manifest: '''%s''')\necho \"after restarts: LAST=${out.LAST}\""
                            .formatted(KubeTestSupport.CREDENTIALS_ID, manifest),
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("line-5.", b);
        });
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.waitForMessage("line-25.", b);
        });
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("after restarts: LAST=" + LINES, b);
            String log = JenkinsRule.getLog(b);
            // each time, following stopped before Pipeline saved the program for the restart
            String[] beforeEachPause = log.split("Pausing \\(shutting down\\)", -1);
            assertThat(beforeEachPause).as("two restarts").hasSize(3);
            assertThat(beforeEachPause[0]).contains("Stopped following Job");
            assertThat(beforeEachPause[1]).contains("Stopped following Job");
            for (int i = 1; i <= LINES; i++) {
                assertThat(count(log, "line-" + i + "."))
                        .as("line-%d. in the console", i)
                        .isEqualTo(1);
            }
        });
    }

    @Test
    void abortAfterARestartEndsTheStepAndDeletesTheJob() throws Throwable {
        sessions.then(r -> {
            KubeTestSupport.addClusterCredentials(r.jenkins);
            WorkflowJob p = r.createProject(WorkflowJob.class, "restart");
            p.setDefinition(new CpsFlowDefinition(
                    "runK8sJob(credentialsId: '%s', namespace: 'default', manifest: '''%s''')"
                            .formatted(KubeTestSupport.CREDENTIALS_ID, KubeTestSupport.jobManifest("abort", 600)),
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage(KubeTestSupport.STARTED, b);
        });
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.waitForMessage("Following Job", b);
            b.doStop();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            String[] job = KubeTestSupport.createdJob(b);
            KubeTestSupport.assertJobDeleted(job[0], job[1]);
        });
    }

    @Test
    void aDeployWaitsAgainAfterARestartAndSucceedsWhenTheRolloutFinishes() throws Throwable {
        String[] ns = new String[1];
        sessions.then(r -> {
            KubeTestSupport.addClusterCredentials(r.jenkins);
            ns[0] = DeployManifestTest.namespace("restart");
            WorkflowJob p = r.createProject(WorkflowJob.class, "restart");
            p.setDefinition(new CpsFlowDefinition(
                    """
                    def deployed = deployManifest credentialsId: '%s', namespace: '%s', manifest: '''%s'''
                    echo "after the restart: ${deployed[0].kind} ${deployed[0].name} ${deployed[0].status}"
                    """
                            .formatted(KubeTestSupport.CREDENTIALS_ID, ns[0], deployment("does-not-exist:1")),
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Waiting for", b);
        });
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.waitForMessage("Waiting for the deployed objects again.", b);
            // The image is fixed by hand while the step waits: the rollout completes.
            KubeTestSupport.cluster()
                    .client()
                    .apps()
                    .deployments()
                    .inNamespace(ns[0])
                    .withName("web")
                    .edit(d -> {
                        d.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .setImage("busybox");
                        return d;
                    });
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("after the restart: Deployment web STABLE", b);
        });
    }

    @Test
    void aScaleWaitsAgainAfterARestart() throws Throwable {
        String[] ns = new String[1];
        sessions.then(r -> {
            KubeTestSupport.addClusterCredentials(r.jenkins);
            ns[0] = DeployManifestTest.namespace("restart-scale");
            KubeTestSupport.cluster()
                    .client()
                    .resource(KubeTestSupport.cluster()
                            .client()
                            .apps()
                            .deployments()
                            .load(new java.io.ByteArrayInputStream(
                                    deployment("does-not-exist:1").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .item())
                    .inNamespace(ns[0])
                    .create();
            WorkflowJob p = r.createProject(WorkflowJob.class, "restart");
            p.setDefinition(new CpsFlowDefinition(
                    """
                    def scaled = scaleManifest credentialsId: '%s', namespace: '%s', target: 'deployment web', replicas: 2
                    echo "after the restart: scaled ${scaled[0].kind} ${scaled[0].name}"
                    """
                            .formatted(KubeTestSupport.CREDENTIALS_ID, ns[0]),
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Waiting for", b);
        });
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.waitForMessage("Waiting for", b);
            KubeTestSupport.cluster()
                    .client()
                    .apps()
                    .deployments()
                    .inNamespace(ns[0])
                    .withName("web")
                    .edit(d -> {
                        d.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .setImage("busybox");
                        return d;
                    });
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("after the restart: scaled Deployment web", b);
        });
        assertThat(KubeTestSupport.cluster()
                        .client()
                        .apps()
                        .deployments()
                        .inNamespace(ns[0])
                        .withName("web")
                        .get()
                        .getStatus()
                        .getReadyReplicas())
                .isEqualTo(2);
    }

    /** A manifest may be rendered with secrets: the saved program holds what resume needs, not it. */
    @Test
    void theSavedProgramHoldsNoManifestText() throws Throwable {
        String secret = "kubesteps-rendered-secret-4242";
        sessions.then(r -> {
            KubeTestSupport.addClusterCredentials(r.jenkins);
            WorkflowJob p = r.createProject(WorkflowJob.class, "restart");
            FilePath workspace = r.jenkins.getWorkspaceFor(p);
            workspace
                    .child("job.yaml")
                    .write(
                            KubeTestSupport.job("quiet", "echo started; sleep 6; echo SPINNAKER_PROPERTY_DONE=yes")
                                    + "# " + secret + "\n",
                            "UTF-8");
            p.setDefinition(new CpsFlowDefinition(
                    "node { echo \"DONE=${runK8sJob(credentialsId: '%s', file: 'job.yaml').DONE}\" }"
                            .formatted(KubeTestSupport.CREDENTIALS_ID),
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("started", b);
        });
        sessions.then(r -> {
            WorkflowRun b = build(r);
            byte[] program = Files.readAllBytes(b.getRootDir().toPath().resolve("program.dat"));
            assertThat(new String(program, StandardCharsets.ISO_8859_1))
                    .as("program.dat")
                    .contains("quiet-") // the Job's name: the handle was saved
                    .doesNotContain(secret)
                    .doesNotContain("sleep 6");
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("DONE=yes", b);
        });
    }

    private static String deployment(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: main
                        image: %s
                """
                .formatted(image);
    }

    private static WorkflowRun build(JenkinsRule r) {
        return r.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
    }

    private static int count(String text, String needle) {
        Matcher m =
                Pattern.compile(Pattern.quote(needle) + "$", Pattern.MULTILINE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
