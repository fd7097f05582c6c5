// Run by ./kubesteps jenkins (Jenkins runs init.groovy.d scripts at start-up): the local test
// cluster's administrator kubeconfig as a Secret file credential, a Kubernetes account "local"
// using it, and two example jobs that run examples/hello-job.yaml.
import com.cloudbees.plugins.credentials.CredentialsScope
import com.cloudbees.plugins.credentials.SecretBytes
import com.cloudbees.plugins.credentials.SystemCredentialsProvider
import com.cloudbees.plugins.credentials.domains.Domain
import hudson.model.FreeStyleProject
import hudson.tasks.Shell
import io.jenkins.plugins.kubesteps.RunK8sJobBuilder
import io.jenkins.plugins.kubesteps.RunK8sJobStep
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts
import jenkins.model.Jenkins
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob

def kubeconfig = System.getenv('KUBESTEPS_DEMO_KUBECONFIG')
def example = System.getenv('KUBESTEPS_DEMO_JOB')
if (!kubeconfig || !example) {
    return
}
def jenkins = Jenkins.get()
def store = SystemCredentialsProvider.getInstance().getStore()
def old = store.getCredentials(Domain.global()).find { it.id == 'local-cluster' }
if (old) {
    store.removeCredentials(Domain.global(), old) // the cluster's certificates are new at every start
}
store.addCredentials(Domain.global(), new FileCredentialsImpl(CredentialsScope.GLOBAL, 'local-cluster',
        'kubesteps local test cluster (administrator)', 'admin.kubeconfig',
        SecretBytes.fromBytes(new File(kubeconfig).bytes)))

def account = new KubernetesAccount('local')
account.credentialsId = 'local-cluster'
account.namespace = 'default'
KubernetesAccounts.get().accounts = [account]

def manifest = new File(example).text
if (jenkins.getItem('hello-pipeline') == null) {
    def p = jenkins.createProject(WorkflowJob, 'hello-pipeline')
    p.definition = new CpsFlowDefinition(
            "def out = runK8sJob account: 'local', manifest: '''" + manifest + "'''\n" +
            'echo "release ${out.RELEASE}, ${out.replicas} replicas"\n' +
            'node { sh \'echo "$SPINNAKER_PROPERTY_RELEASE from Job $K8S_JOB_NAME"\' }\n', true)
}
if (jenkins.getItem('hello-freestyle') == null) {
    def f = jenkins.createProject(FreeStyleProject, 'hello-freestyle')
    def step = new RunK8sJobStep()
    step.account = 'local'
    step.manifest = manifest
    f.buildersList.add(new RunK8sJobBuilder(step))
    f.buildersList.add(new Shell('echo "release $SPINNAKER_PROPERTY_RELEASE from Job $K8S_JOB_NAME ($K8S_JOB_STATUS)"'))
}
println 'kubesteps: account "local" points at the local test cluster; jobs hello-pipeline and hello-freestyle are ready'
