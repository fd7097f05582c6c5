#!/usr/bin/env bash
# The output scanner on a generated log under -Xmx64m (`./kubesteps bench-scan`), a few times: the
# README's MB/s and heap-peak figures for `./kubesteps outputs`' scanner. No cluster needed.
#
# usage: bench/run-scan.sh
# environment: N     runs (default 3)
#              SIZE  log size with a k, m or g suffix (default 1g)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ "${1:-}" != -h && "${1:-}" != --help ]] || { sed -n '2,7p' "$0"; exit 0; }

need_bench_jar
for ((i = 1; i <= ${N:-3}; i++)); do
  "$REPO/kubesteps" bench-scan "${SIZE:-1g}" | tee "$WORK/run"
  grep -o '[0-9.]* MB/s (10^6' "$WORK/run" | cut -d' ' -f1 >>"$WORK/rates"
  grep -o 'peak heap: [0-9.]*' "$WORK/run" | cut -d' ' -f3 >>"$WORK/peaks"
done
echo "bench-scan ${SIZE:-1g}, ${N:-3} runs: $(minmax <"$WORK/rates") MB/s (median $(median <"$WORK/rates")), heap peak $(minmax <"$WORK/peaks") MiB;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
