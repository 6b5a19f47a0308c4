#!/usr/bin/env bash
# Benchmark of the Nix evaluator against nix-instantiate (not part of the tests).
#
#   bench/lang-bench.sh [--runs N] [--warm-runs N] [WORKLOAD...]
#
# For each workload in bench/workloads (default: all) it prints
#   cold: one command each, JVM start-up included: `bin/microvm-host eval --json --strict FILE`
#         against `nix-instantiate --eval --strict --json FILE` (median of --runs, default 3);
#   warm: our evaluator in one JVM after warm-up (bench/LangBench.java, median of --warm-runs, default 5)
#         against nix-instantiate's cold time (Nix has no warm mode; its start-up is ~10 ms).
# Ratios are ours / nix's: below 1 means we are faster. Outputs of both are compared as well.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(dirname "$here")"
runs=3
warm_runs=5
workloads=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --warm-runs) warm_runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) workloads+=("$1"); shift ;;
  esac
done
if [ ${#workloads[@]} -eq 0 ]; then
  for f in "$here"/workloads/*.nix; do workloads+=("$(basename "$f" .nix)"); done
fi

command -v nix-instantiate >/dev/null || { echo "nix-instantiate not found; install nix-bin" >&2; exit 1; }
tmp="$(mktemp -d /tmp/jmicrovm-bench.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/state" "$tmp/home"
export NIX_STATE_DIR="$tmp/state" NIX_CONFIG="build-users-group =" HOME="$tmp/home"
unset NIX_PATH

# Build (and let the launcher prepare its start-up caches) before anything is timed.
"$root/bin/microvm-host" eval --expr '1' >/dev/null

now_ns() { date +%s%N; }

# Median wall time in seconds of running "$@" $runs times; the output of the last run is kept in $tmp/out.
time_median() {
  local n="$1"; shift
  local times=() i start end
  for ((i = 0; i < n; i++)); do
    start=$(now_ns)
    "$@" >"$tmp/out" 2>"$tmp/err" || { echo "failed: $* : $(head -n 3 "$tmp/err")" >&2; echo "nan"; return; }
    end=$(now_ns)
    times+=("$(( end - start ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$n" '{ a[NR] = $1 } END { printf "%.3f\n", a[int((n + 1) / 2)] / 1e9 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == "nan" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }

files=()
for w in "${workloads[@]}"; do files+=("$here/workloads/$w.nix"); done

echo "warming up our evaluator in-process for the warm column ..." >&2
JAVA_HOME="$(source "$root/bin/lib/common.sh"; jmicrovm_find_jdk)"
"$JAVA_HOME/bin/java" -Xss16m -Xmx3g -XX:+UseParallelGC -cp "$root/target/jmicrovm.jar" "$here/LangBench.java" \
  --runs "$warm_runs" "${files[@]}" >"$tmp/warm.tsv"

printf '%-14s %10s %10s %8s %10s %8s  %s\n' workload nix_s ours_cold_s ratio ours_warm_s ratio same_output
for w in "${workloads[@]}"; do
  f="$here/workloads/$w.nix"
  nix_s=$(time_median "$runs" nix-instantiate --eval --strict --json "$f"); cp "$tmp/out" "$tmp/nix.out"
  ours_s=$(time_median "$runs" "$root/bin/microvm-host" eval --json --strict "$f"); cp "$tmp/out" "$tmp/ours.out"
  warm_s=$(awk -v f="$f" -F '\t' '$1 == f { print $2 }' "$tmp/warm.tsv")
  same=no; cmp -s "$tmp/nix.out" "$tmp/ours.out" && same=yes
  printf '%-14s %10s %10s %8s %10s %8s  %s\n' "$w" "$nix_s" "$ours_s" "$(ratio "$ours_s" "$nix_s")" \
    "${warm_s:-nan}" "$(ratio "${warm_s:-nan}" "$nix_s")" "$same"
done
