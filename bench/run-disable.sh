#!/usr/bin/env bash
# Disable benchmark on one local cluster: take a ReplicaSet of 50 pods out of its Service, with
# `kubesteps disable-server-group` versus by hand (`kubectl patch` of the pod template, then a
# `kubectl label POD KEY-` loop over the pods, then watching the EndpointSlices). Time: from the
# command's start until the Service's EndpointSlices list none of the pods. Runs alternate A B A B;
# before each, the pods are put back into the Service (untimed) and every one is listed again.
#
# usage: bench/run-disable.sh [--runs N] [--pods N]
# environment: N                      runs of each (default 3; --runs wins)
#              PODS                   pods of the ReplicaSet (default 50; --pods wins)
#              KUBESTEPS_CLUSTER_DIR  reuse the cluster running there (else one is started and stopped)
# kubesteps runs through the ./kubesteps launcher (its JVM options and class-data sharing archive, made
# by an untimed first run), as a user runs it.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${N:-3}"
PODS="${PODS:-50}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --pods) PODS="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

need_cli_jar
cluster_up
own_namespace bench-disable
RS=web-v000
kc apply -n "$NS" -f - >/dev/null <<YAML
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {serve-web: "true"}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: $RS
  annotations:
    moniker.spinnaker.io/cluster: replicaSet web
    traffic.spinnaker.io/load-balancers: '["service web"]'
spec:
  replicas: $PODS
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, serve-web: "true"}}
    spec: {containers: [{name: main, image: "web:1"}]}
YAML

# pods of the ReplicaSet the Service's EndpointSlices list
listed() {
  kc get endpointslices -n "$NS" -l kubernetes.io/service-name=web \
    -o jsonpath='{range .items[*].endpoints[*]}{.targetRef.name}{"\n"}{end}' | grep -c "^$RS-" || true
}

wait_listed() { # N: until exactly N pods are listed
  local deadline=$((SECONDS + 300))
  until [[ "$(listed)" == "$1" ]]; do
    ((SECONDS < deadline)) || { echo "the Service never listed $1 pods" >&2; exit 1; }
    sleep 0.2
  done
}

enable_again() {
  kc patch rs "$RS" -n "$NS" --type merge -p '{"spec":{"template":{"metadata":{"labels":{"serve-web":"true"}}}}}' >/dev/null
  kc label pods -n "$NS" -l app=web serve-web=true --overwrite >/dev/null
  wait_listed "$PODS"
}

run_kubesteps() {
  local out
  out="$("$REPO/kubesteps" disable-server-group --kubeconfig "$KCFG" --namespace "$NS" --target "replicaSet $RS")"
  # "(50 pods, 2310 ms)": from the first request of the disable itself to the EndpointSlices' last change
  engine_ms+=("$(sed -n 's/.*pods, \([0-9]*\) ms).*/\1/p' <<< "$out")")
}

run_kubectl() {
  kc patch rs "$RS" -n "$NS" --type merge -p '{"spec":{"template":{"metadata":{"labels":{"serve-web":null}}}}}' >/dev/null
  for pod in $(kc get pods -n "$NS" -l app=web -o jsonpath='{.items[*].metadata.name}'); do
    kc label pod "$pod" -n "$NS" serve-web- >/dev/null
  done
  wait_listed 0
}

log "waiting for $PODS pods of $RS to be listed by Service web in $NS"
wait_listed "$PODS"
"$REPO/kubesteps" --version >/dev/null # the launcher's class-data sharing archive, outside the timing
declare -a ks_runs kc_runs engine_ms
for ((r = 1; r <= RUNS; r++)); do
  for tool in kubesteps kubectl; do
    enable_again
    start=$(now_ns)
    "run_$tool"
    # kubesteps returns once the EndpointSlices list none of the pods: check that it did
    [[ "$(listed)" == 0 ]] || { echo "$tool returned while the Service still listed pods" >&2; exit 1; }
    secs=$(awk -v ns=$(( $(now_ns) - start )) 'BEGIN {printf "%.2f", ns / 1e9}')
    log "run $r $tool: $secs s"
    if [[ $tool == kubesteps ]]; then ks_runs+=("$secs"); else kc_runs+=("$secs"); fi
  done
done
ks_median=$(printf '%s\n' "${ks_runs[@]}" | median)
kc_median=$(printf '%s\n' "${kc_runs[@]}" | median)
echo "Disable a ReplicaSet of $PODS pods until the Service's EndpointSlices list none of them; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| tool | wall time, s (runs) | median, s |"
echo "|---|---|---|"
echo "| kubesteps disable-server-group (JVM start included) | ${ks_runs[*]} | $ks_median |"
echo "| kubectl patch + kubectl label x$PODS + watching the EndpointSlices | ${kc_runs[*]} | $kc_median |"
awk -v a="$ks_median" -v b="$kc_median" 'BEGIN {printf "ratio kubesteps / kubectl: %.2f\n", a / b}'
echo "kubesteps without JVM start and target resolution (relabel + watch until the EndpointSlices drop the pods), ms: ${engine_ms[*]}"
