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

    /**
     * A Pipeline running {@code step} (%s: the connection) in a workspace holding {@code name},
     * a symbolic link to {@code target}.
     */
    static WorkflowJob withLink(JenkinsRule r, String job, String step, String name, String target) throws Exception {
        addDummyToken(r.jenkins);
        WorkflowJob p = PipelineTest.pipeline(r, job, "node { " + step.formatted(CONNECTION) + " }");
        link(r.jenkins.getWorkspaceFor(p), name, target);
        return p;
    }

    /** Builds {@code p}, which must fail naming {@code name} as leading out of the workspace. */
    static WorkflowRun refused(JenkinsRule r, WorkflowJob p, String name) throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains(
                "The file " + name
                        + " is, or lies behind, a symbolic link that does not lead to a file inside the workspace",
                b);
        return b;
    }

    @Test
    void aManifestDirectoryWithASymbolicLinkToAControllerFileIsRefusedNamingTheFile(JenkinsRule r) throws Exception {
        WorkflowJob p = withLink(r, "dir", "deployManifest(%s, file: 'k8s/')", "k8s/passwd.yaml", "/etc/passwd");
        r.jenkins.getWorkspaceFor(p).child("k8s/app.yaml").write(DeployManifestTest.webManifests("web:1"), "UTF-8");

        r.assertLogNotContains("root:", refused(r, p, "k8s/passwd.yaml"));
    }

    @Test
    void aSymbolicLinkToADirectoryOutsideIsRefused(JenkinsRule r) throws Exception {
        WorkflowJob p = withLink(r, "etc", "deployManifest(%s, file: 'etc')", "etc", "/etc");

        // today's stray-file message would list the directory
        r.assertLogNotContains("passwd", refused(r, p, "etc"));
    }

    @Test
    void aJobManifestOrPatchFileLinkedToAControllerFileIsRefused(JenkinsRule r) throws Exception {
        WorkflowJob job = withLink(r, "job", "runK8sJob(%s, file: 'job.yaml')", "job.yaml", "/etc/passwd");
        WorkflowJob patch = withLink(
                r,
                "patch",
                "patchManifest(%s, target: 'deployment web', patchFile: 'patch.yaml')",
                "patch.yaml",
                "/etc/passwd");

        r.assertLogNotContains("root:", refused(r, job, "job.yaml"));
        r.assertLogNotContains("root:", refused(r, patch, "patch.yaml"));
    }

    /** The answer must not tell whether a path beyond a link exists on the controller. */
    @Test
    void aMissingFileBeyondALinkIsRefusedLikeAnExistingOne(JenkinsRule r) throws Exception {
        WorkflowJob p = withLink(r, "probe", "runK8sJob(%s, file: 'etc/no-such-file.yaml')", "etc", "/etc");
        WorkflowJob dangling =
                withLink(r, "dangling", "runK8sJob(%s, file: 'job.yaml')", "job.yaml", "/etc/no-such-file.yaml");
        WorkflowJob missing = PipelineTest.pipeline(
                r, "missing", "node { runK8sJob(%s, file: 'k8s/none.yaml') }".formatted(CONNECTION));

        refused(r, p, "etc/no-such-file.yaml");
        refused(r, dangling, "job.yaml");
        r.assertLogContains(
                "The manifest file k8s/none.yaml does not exist", r.buildAndAssertStatus(Result.FAILURE, missing));
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
        WorkflowJob p =
                withLink(r, "alias", "runK8sJob(%s, file: 'k8s/alias.yaml')", "k8s/alias.yaml", "../shared/cm.yaml");
        r.jenkins
                .getWorkspaceFor(p)
                .child("shared/cm.yaml")
                .write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", "UTF-8");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        // read and parsed (a ConfigMap is no Job), before any connection
        r.assertLogContains("k8s/alias.yaml: document 1", b);
        r.assertLogNotContains("does not lead to a file inside the workspace", b);
    }
}
