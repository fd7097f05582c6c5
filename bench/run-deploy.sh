#!/usr/bin/env bash
# Deploy benchmark on one local cluster: `kubesteps deploy` versus the kubectl way
# (`kubectl apply --server-side -f DIR` + `kubectl rollout status` for each Deployment), on the same
# 200 objects (70 Deployments of one replica, 70 Services, 60 ConfigMaps), each run into a fresh
# namespace so that every run really creates everything. Runs alternate A B A B; the table gives
# every run's wall time and the median.
#
# usage: bench/run-deploy.sh [--runs N] [--one kubesteps|kubectl]
#   --one TOOL   one run of one tool, nothing printed but the tool's output (for outside timers)
# environment: N                      runs of each (default 3; --runs wins)
#              DEPLOYMENTS            Deployments (and Services) instead of 70, for a quick try
#              KUBESTEPS_CLUSTER_DIR  reuse the cluster running there (else one is started and stopped)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${N:-3}"
ONE=""
DEPLOYMENTS="${DEPLOYMENTS:-70}"
SERVICES=$DEPLOYMENTS CONFIGMAPS=$((DEPLOYMENTS * 6 / 7))

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --one) ONE="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -n "$ONE" ]]; then
  # an outside timer times this process: the cluster must be running already
  "$REPO/testcluster/cluster" status --dir "${KUBESTEPS_CLUSTER_DIR:-/nonexistent}" >/dev/null 2>&1 \
    || { echo "--one needs a running cluster in KUBESTEPS_CLUSTER_DIR" >&2; exit 2; }
  log() { :; }
fi
need_cli_jar
cluster_up

# The same manifests for both tools, without namespace (each run passes a fresh one).
MANIFESTS="$WORK/objects.yaml"
{
  for ((i = 0; i < CONFIGMAPS; i++)); do
    printf -- '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings-%d}\ndata: {index: "%d"}\n' "$i" "$i"
  done
  for ((i = 0; i < SERVICES; i++)); do
    printf -- '---\napiVersion: v1\nkind: Service\nmetadata: {name: svc-%d}\nspec: {selector: {app: web-%d}, ports: [{port: 80}]}\n' "$i" "$i"
  done
  for ((i = 0; i < DEPLOYMENTS; i++)); do
    printf -- '---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-%d}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web-%d}}\n  template:\n    metadata: {labels: {app: web-%d}}\n    spec: {containers: [{name: main, image: "web:1"}]}\n' "$i" "$i" "$i"
  done
} >"$MANIFESTS"

fresh_namespace() {
  local ns
  ns="bench-${1:0:2}-$(date +%s%N | tail -c 10)"
  kc create namespace "$ns" >/dev/null
  echo "$ns"
}

# The cluster's Service range is a /24: every run's namespace is deleted again afterwards.
drop_namespace() { kc delete namespace "$1" --wait="$2" >/dev/null; }

run_kubesteps() {
  "$REPO/kubesteps" deploy --file "$MANIFESTS" --kubeconfig "$KCFG" --namespace "$1" --timeout 10m
}

run_kubectl() {
  kc apply --server-side -n "$1" -f "$MANIFESTS"
  for ((i = 0; i < DEPLOYMENTS; i++)); do
    kc rollout status -n "$1" "deployment/web-$i" --timeout=10m
  done
}

if [[ -n "$ONE" ]]; then
  ns="$(fresh_namespace "$ONE")"
  rc=0
  "run_$ONE" "$ns" || rc=$?
  drop_namespace "$ns" false
  exit "$rc"
fi

declare -a ks_runs kc_runs
for ((r = 1; r <= RUNS; r++)); do
  for tool in kubesteps kubectl; do
    ns="$(fresh_namespace "$tool")"
    start=$(now_ns)
    "run_$tool" "$ns" >/dev/null
    secs=$(awk -v ns=$(($(now_ns) - start)) 'BEGIN {printf "%.2f", ns / 1e9}')
    log "run $r $tool: $secs s"
    if [[ $tool == kubesteps ]]; then ks_runs+=("$secs"); else kc_runs+=("$secs"); fi
    drop_namespace "$ns" true
  done
done
ks_median=$(printf '%s\n' "${ks_runs[@]}" | median)
kc_median=$(printf '%s\n' "${kc_runs[@]}" | median)
echo "Deploy $CONFIGMAPS ConfigMaps, $SERVICES Services, $DEPLOYMENTS Deployments; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "| tool | wall time, s (runs) | median, s |"
echo "|---|---|---|"
echo "| kubesteps deploy | ${ks_runs[*]} | $ks_median |"
echo "| kubectl apply --server-side + rollout status x$DEPLOYMENTS | ${kc_runs[*]} | $kc_median |"
awk -v a="$ks_median" -v b="$kc_median" 'BEGIN {printf "ratio kubesteps / kubectl: %.2f\n", a / b}'
