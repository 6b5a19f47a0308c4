#!/usr/bin/env bash
# Benchmark of the Nix evaluator against nix-instantiate (not part of the tests).
#
#   bench/lang-bench.sh [--runs N] [--warm-runs N] [WORKLOAD...]
#
# For each workload in bench/workloads (default: all) it prints
#   cold: one command each, JVM start-up included: `bin/microvm-host eval --json --strict FILE`
#         against `nix-instantiate --eval --strict --json FILE` (median of --runs, default 3, the two
#         commands alternating so that both see the same load);
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

# Runs the commands "nix" and "ours" alternately $runs times (so that both see the same load on a shared
# machine) and sets nix_s and ours_s to the median wall times in seconds; outputs end in $tmp/{nix,ours}.out.
time_pair() {
  local file="$1" i start end nix_t=() ours_t=()
  for ((i = 0; i < runs; i++)); do
    start=$(now_ns)
    nix-instantiate --eval --strict --json "$file" >"$tmp/nix.out" 2>"$tmp/nix.err" || { nix_t+=(nan); }
    end=$(now_ns); nix_t+=("$(( end - start ))")
    start=$(now_ns)
    "$root/bin/microvm-host" eval --json --strict "$file" >"$tmp/ours.out" 2>"$tmp/ours.err" || { ours_t+=(nan); }
    end=$(now_ns); ours_t+=("$(( end - start ))")
  done
  nix_s=$(median "${nix_t[@]}"); ours_s=$(median "${ours_t[@]}")
  if grep -q nan <<<"${nix_t[*]}"; then nix_s=nan; echo "nix-instantiate failed on $file: $(head -n 2 "$tmp/nix.err")" >&2; fi
  if grep -q nan <<<"${ours_t[*]}"; then ours_s=nan; echo "microvm-host eval failed on $file: $(head -n 2 "$tmp/ours.err")" >&2; fi
}

median() {
  printf '%s\n' "$@" | grep -v nan | sort -n \
    | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else printf "%.3f\n", a[int((NR + 1) / 2)] / 1e9 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == "nan" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }

files=()
for w in "${workloads[@]}"; do files+=("$here/workloads/$w.nix"); done

echo "warming up our evaluator in-process for the warm column ..." >&2
JAVA_HOME="$(source "$root/bin/lib/common.sh"; jmicrovm_find_jdk)"
"$JAVA_HOME/bin/java" -Xss16m -Xmx8g -XX:+UseParallelGC -cp "$root/target/jmicrovm.jar" "$here/LangBench.java" \
  --runs "$warm_runs" "${files[@]}" >"$tmp/warm.tsv"

echo "machine: $(nproc) cores, $(uptime | sed "s/.*load/load/"), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
printf '%-14s %10s %10s %8s %10s %8s  %s\n' workload nix_s ours_cold_s ratio ours_warm_s ratio same_output
for w in "${workloads[@]}"; do
  f="$here/workloads/$w.nix"
  time_pair "$f"
  warm_s=$(awk -v f="$f" -F '\t' '$1 == f { print $2 }' "$tmp/warm.tsv")
  same=no; cmp -s "$tmp/nix.out" "$tmp/ours.out" && same=yes
  printf '%-14s %10s %10s %8s %10s %8s  %s\n' "$w" "$nix_s" "$ours_s" "$(ratio "$ours_s" "$nix_s")" \
    "${warm_s:-nan}" "$(ratio "${warm_s:-nan}" "$nix_s")" "$same"
done
