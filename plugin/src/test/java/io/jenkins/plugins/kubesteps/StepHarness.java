package io.jenkins.plugins.kubesteps;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.model.Action;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.mockito.MockedStatic;

/**
 * What Jenkins gives a step, without Jenkins: a mocked {@link StepContext} whose Run keeps the
 * actions added to it and whose TaskListener writes to a buffer, and a credentials store holding
 * one token. Static mocks are per thread: the step looks credentials up on the caller's thread
 * (start, onResume), which is the test's.
 */
final class StepHarness implements AutoCloseable {
    static final String CREDENTIALS_ID = "cluster-token";
    static final String TOKEN = "tok-3f9c1d7e5a";

    private final MockedStatic<CredentialsProvider> credentials = mockStatic(CredentialsProvider.class);
    private final MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class);
    private final List<Build> builds = new ArrayList<>();

    StepHarness() {
        StringCredentials token = mock(StringCredentials.class);
        when(token.getId()).thenReturn(CREDENTIALS_ID);
        when(token.getSecret()).thenReturn(Secret.fromString(TOKEN));
        credentials
                .when(() -> CredentialsProvider.findCredentialById(
                        eq(CREDENTIALS_ID), eq(StandardCredentials.class), any(Run.class)))
                .thenReturn(token);
        // The global configuration as a fresh install has it: exec plugins and in-cluster off.
        Jenkins instance = mock(Jenkins.class);
        KubernetesAccounts accounts = mock(KubernetesAccounts.class);
        when(instance.getDescriptorByType(KubernetesAccounts.class)).thenReturn(accounts);
        jenkins.when(Jenkins::get).thenReturn(instance);
        // HyperlinkNote needs a running Jenkins; the text of the link is what the tests read.
        JenkinsConsole.linkEncoder = (url, label) -> label + " <" + url + ">";
    }

    /** One build: its context, console and outcome. */
    static final class Build {
        final StepContext context = mock(StepContext.class);
        final Run<?, ?> run = mock(Run.class);
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        final AtomicReference<Action> action = new AtomicReference<>();

        Build() {
            TaskListener listener = mock(TaskListener.class);
            when(listener.getLogger()).thenReturn(new PrintStream(console, true, StandardCharsets.UTF_8));
            when(run.getExternalizableId()).thenReturn("team/app#7");
            doAnswer(i -> {
                        action.set(i.getArgument(0));
                        return null;
                    })
                    .when(run)
                    .addAction(any());
            when(run.getAction(K8sJobAction.class)).thenAnswer(i -> action.get());
            try {
                when(context.get(Run.class)).thenReturn((Run) run);
                when(context.get(TaskListener.class)).thenReturn(listener);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
            doAnswer(i -> outcome.complete(i.getArgument(0))).when(context).onSuccess(any());
            doAnswer(i -> outcome.completeExceptionally(i.getArgument(0)))
                    .when(context)
                    .onFailure(any());
        }

        String console() {
            return console.toString(StandardCharsets.UTF_8);
        }

        K8sJobAction action() {
            return (K8sJobAction) action.get();
        }
    }

    Build newBuild() {
        Build build = new Build();
        builds.add(build);
        return build;
    }

    /** Every console so far; a test can check none of them shows the token. */
    String allConsoles() {
        StringBuilder all = new StringBuilder();
        builds.forEach(b -> all.append(b.console()));
        return all.toString();
    }

    private enum ContextMark {
        CONTEXT
    }

    /**
     * Serializes the execution as Pipeline does (the context is pickled separately, so it is
     * replaced by a mark) and returns the bytes.
     */
    static byte[] serialize(Serializable execution, StepContext context) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                return obj == context ? ContextMark.CONTEXT : obj;
            }
        }) {
            out.writeObject(execution);
        }
        return bytes.toByteArray();
    }

    /** Reads an execution back, as after a restart, attached to {@code context}. */
    static Object deserialize(byte[] bytes, StepContext context) throws Exception {
        Object execution = read(bytes, context);
        try {
            ((StepExecution) execution).getContext();
        } catch (IllegalStateException signaturesOnly) {
            // jenkins-api keeps a StepExecution's context beside it, not in a field that is
            // serialized; re-attach it the way Pipeline does on load. (Reflection: with the real
            // Jenkins jars, -Pjenkins, the field is serialized and this class does not exist.)
            Class.forName("io.jenkins.plugins.kubesteps.jenkinsapi.ApiState")
                    .getMethod("put", Object.class, Object.class)
                    .invoke(null, execution, context);
        }
        return execution;
    }

    private static Object read(byte[] bytes, StepContext context) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            {
                enableResolveObject(true);
            }

            @Override
            protected Object resolveObject(Object obj) {
                return obj == ContextMark.CONTEXT ? context : obj;
            }
        }) {
            return in.readObject();
        }
    }

    @Override
    public void close() {
        credentials.close();
        jenkins.close();
        JenkinsConsole.linkEncoder = hudson.console.HyperlinkNote::encodeTo;
    }
}
