package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that works on one Kubernetes cluster: the connection fields every step of the plugin
 * has (an account, or credentials with a server), declared once here, and what a step does in its
 * three moments: start (off the CPS thread), resume after a restart, and finish. {@link
 * ClusterStepExecution} runs it in a Pipeline, {@link ClusterStepBuilder} in a freestyle build.
 *
 * <p>Serializable because the running execution keeps the step it runs: it holds only what the
 * user typed (credentials ids, never secrets), and fields are boxed and null until set, since
 * XStream runs no initialisers and an older config.xml must still get the documented defaults.
 *
 * @param <R> the engine's result
 */
public abstract class ClusterStep<R> extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String account;
    private String credentialsId;
    private String serverUrl;
    private String caCertificate;
    private Boolean skipTlsVerify;
    private String namespace;
    private Integer timeout;

    /**
     * What the engine is doing for a step: the engine's running object seen through its methods.
     *
     * @param status what a person sees as the step's status, e.g. "waiting for Job default/migrate-x"
     * @param handle what is persisted with the build to follow again after a restart
     */
    protected record Running<R>(
            Supplier<String> status,
            Supplier<Serializable> handle,
            CompletableFuture<R> result,
            Consumer<String> cancel,
            Runnable detach) {}

    @Override
    public final StepExecution start(StepContext context) {
        return new ClusterStepExecution<>(context, this);
    }

    /** Checks what can be checked without a cluster, so a mistake fails before anything changes. */
    final void validate() throws AbortException {
        String problem = FormSupport.connectionProblem(account, credentialsId);
        if (problem == null) {
            problem = FormSupport.timeoutProblem(getTimeout());
        }
        if (problem == null) {
            problem = problem();
        }
        if (problem != null) {
            throw new AbortException(problem);
        }
    }

    /** This step's own problem with its fields, or null. */
    protected abstract String problem();

    /** Minutes the step may take when the user gives no timeout. */
    protected abstract int defaultTimeoutMinutes();

    /** Whether {@link #begin} reads the workspace (a manifest file, say). */
    protected abstract boolean needsWorkspace();

    /** The status before the engine has started. */
    protected abstract String startingStatus();

    /**
     * Starts the engine's work. Runs on a start thread, never the CPS thread, so it may read the
     * workspace and the cluster.
     *
     * @param workspace null when {@link #needsWorkspace()} is false or outside a {@code node} block
     */
    protected abstract Running<R> begin(KubernetesClient client, Run<?, ?> run, FilePath workspace, Console console)
            throws IOException, InterruptedException;

    /** Follows again, after a restart, the work saved as {@code handle}. */
    protected abstract Running<R> resume(KubernetesClient client, Serializable handle, Run<?, ?> run, Console console)
            throws IOException;

    /**
     * Records the result on the build and gives the step's return value.
     *
     * @throws AbortException the step fails, with a message for people
     */
    protected abstract Object finish(Run<?, ?> run, TaskListener listener, R result) throws AbortException;

    /**
     * The step as saved with a running Pipeline's program: inline texts (a manifest, a patch) left
     * out. They may hold secrets rendered into them, and only the start reads them; a resumed step
     * follows the cluster from its handle.
     */
    final ClusterStep<R> forProgram() {
        if (!hasInlineInput()) {
            return this;
        }
        ClusterStep<R> copy = copy(this);
        copy.dropInlineInput();
        return copy;
    }

    /** Whether the step holds text that only its start reads ({@link #forProgram()}). */
    protected boolean hasInlineInput() {
        return false;
    }

    /** Forgets what {@link #hasInlineInput()} found; called on a copy only. */
    protected void dropInlineInput() {}

    @SuppressWarnings("unchecked")
    private static <S extends Serializable> S copy(S step) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(step);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                @Override
                protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                    return Class.forName(desc.getName(), false, ClusterStep.class.getClassLoader());
                }
            }) {
                return (S) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a step holds only strings and numbers and always copies", e);
        }
    }

    /** Blank form fields arrive as empty strings; treat them as "not set" everywhere. */
    protected static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String getAccount() {
        return account;
    }

    @DataBoundSetter
    public void setAccount(String account) {
        this.account = trim(account);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trim(credentialsId);
    }

    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = trim(serverUrl);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = trim(caCertificate);
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify != null && skipTlsVerify;
    }

    @DataBoundSetter
    public void setSkipTlsVerify(boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    public int getTimeout() {
        return timeout == null ? defaultTimeoutMinutes() : timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = trim(namespace);
    }
}
