#!/usr/bin/env bash
# A Job that ends at once: `./kubesteps run-job` against the kubectl trio (`kubectl create -f` +
# `kubectl wait --for=condition=complete` + `kubectl logs`), whole processes timed from outside, in
# turn, on one local cluster: the README's "Against kubectl on the same local cluster" figures.
#
# usage: bench/run-kubectl-trio.sh
# environment: N                      pairs (default 30; the README quotes five calls of 20-30)
#              KUBESTEPS_CLUSTER_DIR  reuse the cluster running there (else one is started and stopped)
#              BENCH_AB_TIMER         an outside A/B timer to use instead of the loop (see bench/lib.sh)
# Both tools run in a namespace of this script's own: earlier Jobs in a namespace keep the cluster's
# own processes busier, which costs the JVM's CPU-bound start more than kubectl.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ "${1:-}" != -h && "${1:-}" != --help ]] || { sed -n '2,11p' "$0"; exit 0; }
PAIRS="${N:-30}"

need_cli_jar
cluster_up
own_namespace bench-trio

QUICK="$(job_manifest quick "echo done")"

# Each side is one executable, so that the timer sees one whole process (and its children).
cat >"$WORK/kubesteps-run-job" <<SH
#!/usr/bin/env bash
exec "$REPO/kubesteps" run-job --file "$QUICK" --namespace "$NS" --kubeconfig "$KCFG"
SH
cat >"$WORK/kubectl-trio" <<SH
#!/usr/bin/env bash
set -euo pipefail
k=("$KUBECTL" --kubeconfig "$KCFG" -n "$NS")
job=\$("\${k[@]}" create -f "$QUICK" -o name)
"\${k[@]}" wait --for=condition=complete "\$job" --timeout=300s >/dev/null
"\${k[@]}" logs "\$job"
SH
chmod +x "$WORK/kubesteps-run-job" "$WORK/kubectl-trio"

# The untimed warm-up run also records the launcher's class-data sharing archive after a build.
ab_measure "./kubesteps run-job" "$WORK/kubesteps-run-job" "kubectl create + wait + logs" "$WORK/kubectl-trio" "$PAIRS"
