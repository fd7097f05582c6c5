#!/usr/bin/env bash
# Following the 200 MB log of examples/big-log-job.yaml (2,000,000 lines of 100 bytes, a finished
# Job): `./kubesteps attach --from-start` against `kubectl logs`, whole processes timed from
# outside (wall, CPU, peak RSS), in turn after a warm-up, on one local cluster: the README's
# "Memory and speed of following a big log" table.
#
# usage: bench/run-log-200mb.sh
# environment: N                      runs of each (default 3)
#              LINES                  log lines instead of the example's 2,000,000 (for a quick try)
#              KUBESTEPS_CLUSTER_DIR  reuse the cluster running there (else one is started and stopped)
#              BENCH_AB_TIMER         an outside A/B timer to use instead of the loop (see bench/lib.sh)
#              KUBESTEPS_JAVA_OPTS    passed on to ./kubesteps (e.g. -XX:TieredStopAtLevel=4 for C2)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ "${1:-}" != -h && "${1:-}" != --help ]] || { sed -n '2,13p' "$0"; exit 0; }
RUNS="${N:-3}"

need_cli_jar
cluster_up
own_namespace bench-log

sed "s/head -n 2000000/head -n ${LINES:-2000000}/" "$REPO/examples/big-log-job.yaml" >"$WORK/big-log-job.yaml"
kc apply -n "$NS" -f "$WORK/big-log-job.yaml" >/dev/null
log "waiting for Job big-log-200mb to complete (${LINES:-2000000} lines)"
kc wait -n "$NS" --for=condition=complete job/big-log-200mb --timeout=900s >/dev/null

cat >"$WORK/kubesteps-attach" <<SH
#!/usr/bin/env bash
exec "$REPO/kubesteps" attach --namespace "$NS" --job big-log-200mb --from-start --kubeconfig "$KCFG"
SH
cat >"$WORK/kubectl-logs" <<SH
#!/usr/bin/env bash
exec "$KUBECTL" --kubeconfig "$KCFG" -n "$NS" logs job/big-log-200mb
SH
chmod +x "$WORK/kubesteps-attach" "$WORK/kubectl-logs"

ab_measure "./kubesteps attach --from-start" "$WORK/kubesteps-attach" "kubectl logs" "$WORK/kubectl-logs" "$RUNS"
