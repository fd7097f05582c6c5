#!/usr/bin/env bash
# Side-by-side benchmark on one local cluster: `kubesteps run-job` versus the kubectl way
# (`kubectl create -f` + `kubectl wait --for=condition=complete` + `kubectl logs`), for
#   big   - a Job whose container prints 10 MiB of log (104858 lines of 100 bytes)
#   quick - a Job whose container ends at once
# Each container prints `date +%s%N` as its last line: the simulated node runs containers as local
# processes, so that is the moment the Job's work ended on the same clock as the tools. For each run
# we report the wall time of the tool and "end -> return": from that last line to the tool's return
# (nanosecond clock, shown in ms). Both tools write everything they receive to a file.
#
# usage: bench/run-vs-kubectl.sh [--runs N] [--markdown FILE]
# environment: N                       runs of each (default 3; --runs wins)
#              KUBESTEPS_CLUSTER_DIR   reuse the cluster running there (else one is started and stopped)
#              KUBESTEPS_TARGET_NAME   Maven build directory of the CLI jar (default target)
#              KUBESTEPS_JAR           the CLI jar (default cli/$KUBESTEPS_TARGET_NAME/kubesteps.jar)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TARGET_NAME="${KUBESTEPS_TARGET_NAME:-target}"
JAR="${KUBESTEPS_JAR:-$REPO/cli/$TARGET_NAME/kubesteps.jar}"
RUNS="${N:-3}"
MARKDOWN=""
BIG_LINES=104858 # x 100 bytes = 10 MiB

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --markdown) MARKDOWN="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

# ------------------------------------------------------------------ cluster and tools

cluster_up
KUBECONFIG_FILE="$KCFG"

if [[ ! -f "$JAR" ]]; then
  log "building the CLI jar ($JAR)"
  (cd "$REPO" && ./mvnw -q -B -ntp -pl cli -am package -DskipTests -Dspotless.check.skip=true -Dtarget.name="$TARGET_NAME") >&2
fi
# ./kubesteps is `exec java -jar cli/target/kubesteps.jar`; with another build directory run the jar the same way.
if [[ "$JAR" == "$REPO/cli/target/kubesteps.jar" ]]; then
  KUBESTEPS=("$REPO/kubesteps")
else
  KUBESTEPS=(java -jar "$JAR")
fi

LINE="$(printf '%099d' 0)"
BIG="$(job_manifest bench-big "yes $LINE | head -n $BIG_LINES; date +%s%N" default)"
QUICK="$(job_manifest bench-quick "date +%s%N" default)"

# ------------------------------------------------------------------ one run of each tool
# Each prints: wall_ms end_to_return_ms log_lines_received job_name

run_kubesteps() { # manifest
  local out="$WORK/kubesteps.out" start end last name
  start=$(now_ns)
  "${KUBESTEPS[@]}" run-job --file "$1" --kubeconfig "$KUBECONFIG_FILE" >"$out" 2>"$WORK/kubesteps.err" \
    || { log "kubesteps failed:"; tail -20 "$out" "$WORK/kubesteps.err" >&2; return 1; }
  end=$(now_ns)
  last=$(grep -E '^\[[^]]+/main\] [0-9]{19}$' "$out" | tail -1 | awk '{print $2}')
  name=$(sed -n 's/^Created Job default\/\([^ ]*\).*/\1/p' "$out" | head -1)
  echo "$(( (end - start) / 1000000 )) $(( (end - last) / 1000000 )) $(grep -c '^\[[^]]*/main\] ' "$out") $name"
}

run_kubectl() { # manifest
  local out="$WORK/kubectl.out" start end last job
  start=$(now_ns)
  job=$(kc create -f "$1" -o name)
  kc wait --for=condition=complete "$job" --timeout=600s >/dev/null
  kc logs "$job" >"$out"
  end=$(now_ns)
  last=$(tail -1 "$out")
  echo "$(( (end - start) / 1000000 )) $(( (end - last) / 1000000 )) $(wc -l <"$out") ${job#job.batch/}"
}

# ------------------------------------------------------------------ measure

declare -A WALL DELAY LINES
for scenario in big quick; do
  manifest=$BIG; [[ $scenario == quick ]] && manifest=$QUICK
  for tool in kubesteps kubectl; do
    for ((i = 1; i <= RUNS; i++)); do
      measured=$("run_$tool" "$manifest")
      read -r wall delay lines name <<<"$measured"
      log "$scenario $tool run $i: wall ${wall} ms, end->return ${delay} ms, ${lines} log lines (job $name)"
      WALL[$scenario,$tool]+="$wall "
      DELAY[$scenario,$tool]+="$delay "
      LINES[$scenario,$tool]="$lines"
      kc delete job "$name" --cascade=background --wait=false >/dev/null 2>&1 || true
    done
  done
done

# The fixed cost of a JVM tool: start, parse arguments, print help, exit.
JVM_START=""
for ((i = 1; i <= RUNS; i++)); do
  start=$(now_ns)
  "${KUBESTEPS[@]}" run-job --help >/dev/null 2>&1
  JVM_START+="$(( ($(now_ns) - start) / 1000000 )) "
done
log "kubesteps run-job --help: ${JVM_START}ms"

median_of() { tr ' ' '\n' <<<"$1" | grep -v '^$' | median; }
secs() { awk -v ms="$1" 'BEGIN {printf "%.2f", ms / 1000}'; }
list_of() { # formatter values
  local out="" v
  for v in $2; do out+="$("$1" "$v") / "; done
  echo "${out% / }"
}
ms() { echo "$1"; }

{
  echo "| Job | tool | wall time, s (runs) | median wall, s | Job end → tool returns, ms (runs) | median, ms | log lines received |"
  echo "|---|---|---|---|---|---|---|"
  for scenario in big quick; do
    label="10 MiB of log"; [[ $scenario == quick ]] && label="ends at once"
    for tool in kubesteps kubectl; do
      shown="kubesteps run-job"; [[ $tool == kubectl ]] && shown="kubectl create + wait + logs"
      w="${WALL[$scenario,$tool]}"; d="${DELAY[$scenario,$tool]}"
      echo "| $label | $shown | $(list_of secs "$w") | $(secs "$(median_of "$w")") | $(list_of ms "$d") | $(median_of "$d") | ${LINES[$scenario,$tool]} |"
    done
  done
  echo
  echo "JVM start of the CLI (\`run-job --help\`): $(list_of secs "$JVM_START") s;" \
    "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
} | tee "${MARKDOWN:-/dev/null}"
