package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.util.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Workspace files of the steps ({@code file}, {@code patchFile}) are read only inside the
 * workspace: on the built-in node anything else is the controller's files. Every refusal here
 * happens before any connection, so no cluster is needed: the credential is a token for a server
 * nobody listens on.
 */
@WithJenkins
class WorkspaceFilesTest {
    /** A credential that lets a step start; the step must fail before it connects anywhere. */
    static final String CONNECTION = "credentialsId: 'dummy-token', serverUrl: 'https://127.0.0.1:1'";

    static void addDummyToken(Jenkins jenkins) throws Exception {
        KubeTestSupport.addCredentials(
                jenkins,
                new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "dummy-token", "nowhere", Secret.fromString("not-a-token")));
    }

    /** {@code name} in the workspace as a symbolic link to {@code target}, as a checked-out repository may hold it. */
    static void link(FilePath ws, String name, String target) throws Exception {
        FilePath link = ws.child(name);
        link.getParent().mkdirs();
        link.symlinkTo(target, TaskListener.NULL);
        assertThat(Files.isSymbolicLink(Path.of(link.getRemote()))).as(name).isTrue();
    }

    @Test
    void aManifestDirectoryWithASymbolicLinkToAControllerFileIsRefusedNamingTheFile(JenkinsRule r) throws Exception {
        addDummyToken(r.jenkins);
        WorkflowJob p =
                PipelineTest.pipeline(r, "dir", "node { deployManifest(%s, file: 'k8s/') }".formatted(CONNECTION));
        FilePath ws = r.jenkins.getWorkspaceFor(p);
        ws.child("k8s/app.yaml").write(DeployManifestTest.webManifests("web:1"), "UTF-8");
        link(ws, "k8s/passwd.yaml", "/etc/passwd");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("The file k8s/passwd.yaml leads out of the workspace", b);
        r.assertLogNotContains("root:", b);
    }

    @Test
    void aSymbolicLinkToADirectoryOutsideIsRefused(JenkinsRule r) throws Exception {
        addDummyToken(r.jenkins);
        WorkflowJob p =
                PipelineTest.pipeline(r, "etc", "node { deployManifest(%s, file: 'etc') }".formatted(CONNECTION));
        link(r.jenkins.getWorkspaceFor(p), "etc", "/etc");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("The file etc leads out of the workspace", b);
        r.assertLogNotContains("passwd", b); // today's stray-file message lists the directory
    }

    @Test
    void aJobManifestOrPatchFileLinkedToAControllerFileIsRefused(JenkinsRule r) throws Exception {
        addDummyToken(r.jenkins);
        WorkflowJob job =
                PipelineTest.pipeline(r, "job", "node { runK8sJob(%s, file: 'job.yaml') }".formatted(CONNECTION));
        link(r.jenkins.getWorkspaceFor(job), "job.yaml", "/etc/passwd");
        WorkflowJob patch = PipelineTest.pipeline(
                r,
                "patch",
                "node { patchManifest(%s, target: 'deployment web', patchFile: 'patch.yaml') }".formatted(CONNECTION));
        link(r.jenkins.getWorkspaceFor(patch), "patch.yaml", "/etc/passwd");

        WorkflowRun jobRun = r.buildAndAssertStatus(Result.FAILURE, job);
        WorkflowRun patchRun = r.buildAndAssertStatus(Result.FAILURE, patch);

        r.assertLogContains("The file job.yaml leads out of the workspace", jobRun);
        r.assertLogNotContains("root:", jobRun);
        r.assertLogContains("The file patch.yaml leads out of the workspace", patchRun);
        r.assertLogNotContains("root:", patchRun);
    }

    @Test
    void absolutePathsAndParentSegmentsAreRefusedBeforeAnyCredentialIsLookedUp(JenkinsRule r) throws Exception {
        for (String file : new String[] {"/etc/passwd", "../x.yaml", "k8s/../../x.yaml", "..", "C:\\\\x.yaml"}) {
            WorkflowRun b = r.buildAndAssertStatus(
                    Result.FAILURE,
                    PipelineTest.pipeline(
                            r,
                            "p" + Math.abs(file.hashCode()),
                            "node { runK8sJob(credentialsId: 'no-such-id', file: '%s') }".formatted(file)));
            String shown = file.replace("\\\\", "\\");
            r.assertLogContains("The file " + shown + " is not a path inside the workspace", b);
            r.assertLogNotContains("no-such-id", b);
            r.assertLogNotContains("root:", b);
        }
    }

    @Test
    void aSymbolicLinkToAnotherWorkspaceFileIsRead(JenkinsRule r) throws Exception {
        addDummyToken(r.jenkins);
        WorkflowJob p = PipelineTest.pipeline(
                r, "alias", "node { runK8sJob(%s, file: 'k8s/alias.yaml') }".formatted(CONNECTION));
        FilePath ws = r.jenkins.getWorkspaceFor(p);
        ws.child("shared/cm.yaml").write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", "UTF-8");
        link(ws, "k8s/alias.yaml", "../shared/cm.yaml");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        // read and parsed (a ConfigMap is no Job), before any connection
        r.assertLogContains("k8s/alias.yaml: document 1", b);
        r.assertLogNotContains("leads out of the workspace", b);
    }
}
