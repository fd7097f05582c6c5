#!/usr/bin/env bash
# N Jobs followed at once by one engine in one JVM (`./kubesteps bench-concurrent`, -Xmx256m, the
# plugin's HTTP stack), on one local cluster: the README's "Many running steps in one controller"
# table and docs/scale.md's. Each Job prints 20 lines, sleeps 15 s so the Jobs overlap, and prints
# an output; the report gives completion latency, threads, heap, watches and requests.
#
# usage: bench/run-500-jobs.sh [bench-concurrent options: --lines, --sleep, --timeout, --keep]
# environment: N                      Jobs at once, or a list of counts run one after the other
#                                     (default 500; the tables quote N="50 200 500")
#              KUBESTEPS_CLUSTER_DIR  reuse the cluster running there (else one is started and stopped)
# The admin kubeconfig is needed: the benchmark reads the API server's /metrics.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ "${1:-}" != -h && "${1:-}" != --help ]] || { sed -n '2,11p' "$0"; exit 0; }

need_bench_jar
cluster_up
for jobs in ${N:-500}; do
  log "./kubesteps bench-concurrent $jobs $*"
  "$REPO/kubesteps" bench-concurrent "$jobs" --kubeconfig "$KCFG" "$@"
  echo
done
echo "Load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
