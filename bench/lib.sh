# Sourced by bench/run-*.sh: the repository's paths, a local cluster, the jars, and an A/B timing
# loop, so that each script holds only its own benchmark.
# shellcheck shell=bash

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH/.." && pwd)"
CLI_JAR="$REPO/cli/target/kubesteps.jar"
BENCH_JAR="$REPO/bench/target/kubesteps-bench.jar"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ns() { date +%s%N; }
# the median of the numbers on stdin, one a line (the mean of the middle two for an even count)
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
minmax() { sort -g | awk 'NR == 1 {min=$1} {max=$1} END {print min "–" max}'; }

# What a script starts is stopped at its exit, last started first, whether it ends well or not.
CLEANUPS=()
on_exit() { CLEANUPS=("$(printf '%q ' "$@")" "${CLEANUPS[@]}"); } # a command and its arguments, as they are now
run_cleanups() {
  local c
  for c in "${CLEANUPS[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
}
trap run_cleanups EXIT
trap 'exit 130' INT TERM

# A scratch directory, removed at the exit.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kubesteps-bench-work.XXXXXX")"
on_exit rm -rf "$WORK"

# Sets DIR, KUBECTL (the cluster's own build of kubectl, under ~/.cache/kubesteps), KCFG and kc:
# reuses the cluster in $KUBESTEPS_CLUSTER_DIR when it answers, else starts one and stops it at the exit.
cluster_up() {
  if [[ -n "${KUBESTEPS_CLUSTER_DIR:-}" ]] && "$REPO/testcluster/cluster" status --dir "$KUBESTEPS_CLUSTER_DIR" >/dev/null 2>&1; then
    DIR="$KUBESTEPS_CLUSTER_DIR"
    log "reusing the cluster in $DIR"
  else
    DIR="$(mktemp -d "${TMPDIR:-/tmp}/kubesteps-bench.XXXXXX")"
    on_exit rm -rf "$DIR"
    on_exit "$REPO/testcluster/cluster" down --dir "$DIR"
    log "starting a local cluster in $DIR (testcluster/cluster up)"
    "$REPO/testcluster/cluster" up --dir "$DIR" >/dev/null
  fi
  # shellcheck disable=SC1091
  source "$DIR/cluster.env" # KUBECTL
  KCFG="$DIR/admin.kubeconfig"
}
kc() { "$KUBECTL" --kubeconfig "$KCFG" "$@"; }

# A namespace of the script's own, deleted at the exit (earlier runs' Jobs would slow the cluster).
own_namespace() { # prefix -> sets NS
  NS="$1-$(date +%s%N | tail -c 7)"
  kc create namespace "$NS" >/dev/null
  # pods are refused until the namespace's default ServiceAccount exists
  local deadline=$((SECONDS + 60))
  until kc get serviceaccount default -n "$NS" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "no default ServiceAccount in $NS after 60 s"
    sleep 0.2
  done
  on_exit kc delete namespace "$NS" --wait=false
}

# A Job of one busybox container that runs SCRIPT with sh (the simulated node runs it as a local
# process), written to $WORK/NAME.yaml; prints the file's path.
job_manifest() { # name script [namespace]
  local file="$WORK/$1.yaml"
  cat >"$file" <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  generateName: $1-
${3:+  namespace: $3
}spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "$2"]
YAML
  echo "$file"
}

# The jars ./kubesteps runs, built when missing as ./kubesteps builds them.
need_cli_jar() {
  [[ -f "$CLI_JAR" ]] && return
  log "building the CLI jar ($CLI_JAR)"
  (cd "$REPO" && ./mvnw -q -B -ntp -pl cli -am package -DskipTests -Dspotless.check.skip=true) >&2
}
need_bench_jar() {
  [[ -f "$BENCH_JAR" ]] && return
  log "building the benchmarks' jar ($BENCH_JAR)"
  (cd "$REPO" && ./mvnw -q -B -ntp -pl bench -am package -DskipTests -Dspotless.check.skip=true) >&2
}

# One whole-process run of an executable file, timed from outside: prints "wall cpu rss_mib" (rss
# "-" without GNU time); its output is thrown away, its errors kept in $WORK/NAME.err.
timed() { # file
  local name out="$WORK/timing" rc=0
  name="$(basename "$1")"
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%e %U %S %M' -o "$out" "$1" >/dev/null 2>"$WORK/$name.err" || rc=$?
    ((rc == 0)) || { tail -20 "$WORK/$name.err" >&2; die "$name exited with $rc"; }
    awk '{printf "%.2f %.2f %.1f\n", $1, $2 + $3, $4 / 1024}' "$out"
  else
    local TIMEFORMAT='%R %U %S'
    { time "$1" >/dev/null 2>"$WORK/$name.err"; } 2>"$out" || rc=$?
    ((rc == 0)) || { tail -20 "$WORK/$name.err" >&2; die "$name exited with $rc"; }
    awk '{printf "%.2f %.2f -\n", $1, $2 + $3}' "$out"
  fi
}

# A and B (executable files) in turn, A B A B ..., RUNS pairs after WARMUP untimed runs of each;
# prints every figure's median and spread and the ratio A/B pair by pair (pairing keeps the ratio
# meaningful when the machine's speed drifts). BENCH_AB_TIMER may name an outside timer (with any
# options of its own) that takes "-n RUNS --warmup WARMUP --vs B -- A"; it is then used instead.
ab_measure() { # label_a file_a label_b file_b runs [warmup]
  local la="$1" a="$2" lb="$3" b="$4" runs="$5" warmup="${6:-1}" i
  if [[ -n "${BENCH_AB_TIMER:-}" ]]; then
    log "$la against $lb with $BENCH_AB_TIMER, $runs pairs"
    # shellcheck disable=SC2086
    $BENCH_AB_TIMER -n "$runs" --warmup "$warmup" --vs "$b" -- "$a"
    return
  fi
  for ((i = 1; i <= warmup; i++)); do timed "$a" >/dev/null; timed "$b" >/dev/null; done
  : >"$WORK/a.runs"; : >"$WORK/b.runs"
  for ((i = 1; i <= runs; i++)); do
    timed "$a" >>"$WORK/a.runs"
    timed "$b" >>"$WORK/b.runs"
    log "pair $i/$runs: $la $(tail -1 "$WORK/a.runs" | cut -d' ' -f1) s, $lb $(tail -1 "$WORK/b.runs" | cut -d' ' -f1) s"
  done
  local col
  echo "| whole process, $runs runs each in turn | wall s: median (min–max) | CPU s: median | peak RSS MiB: median |"
  echo "|---|---|---|---|"
  for col in a b; do
    local f="$WORK/$col.runs" label="$la" rss="-"
    [[ $col == b ]] && label="$lb"
    grep -q -- '-$' "$f" || rss="$(cut -d' ' -f3 "$f" | median)"
    echo "| $label | $(cut -d' ' -f1 "$f" | median) ($(cut -d' ' -f1 "$f" | minmax)) | $(cut -d' ' -f2 "$f" | median) | $rss |"
  done
  paste -d' ' "$WORK/a.runs" "$WORK/b.runs" | awk '{printf "%.3f\n", $1 / $4}' >"$WORK/ratios"
  echo "wall A/B pair by pair: median $(median <"$WORK/ratios" | xargs printf '%.2f')× ($(minmax <"$WORK/ratios")×);" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
}
