#!/bin/sh
# Benchmark of the module system (issue 3): a host configuration with N fully declarative VMs, each with
# shares, volumes and interfaces (bench/gen-host.py), evaluated
#   - in process: HostEvaluator.model() (host schema, each VM's guest evaluation, all assertions, every
#     option read into model records), cold (first run in a fresh JVM) and warm (median);
#   - in process: a projection of the same configuration (bench/module-projection.nix), warm;
#   - as a command: `microvm-host eval -c HOST --json` (whole configuration), wall clock of the process;
#   - with NIXPKGS_LIB=<nixpkgs lib dir>: nix-instantiate evaluating the same projection with nixpkgs' lib,
#     and whether both print the same JSON; ours as `microvm-host eval FILE` runs (C1+C2) and as the host
#     commands run (C1 only), rounds alternating, ratios of medians.
# Usage: bench/module-bench.sh [N]        (after `mvn -o package -DskipTests`)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
n=${1:-100}
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
cp="$root/target/jmicrovm.jar:$root/target/lib/*"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
schema="$root/src/main/resources/org/jmicrovm/module/schema"
fakepkgs="$root/src/test/resources/module/schema-expected/common/fake-nixpkgs"

python3 "$here/gen-host.py" "$n" >"$tmp/host.nix"
cat >"$tmp/ours.nix" <<NIX
import $here/module-projection.nix { lib = nixpkgs.lib; hostFile = $tmp/host.nix; schemaDir = $schema; pkgsFile = $fakepkgs; }
NIX

echo "# $n VMs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$tmp/classes"
javac_out=$("${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/javac" -d "$tmp/classes" -cp "$cp" "$here/ModuleBench.java" 2>&1) || { echo "$javac_out"; exit 1; }
"$root/bin/microvm-host" eval --expr 1 >/dev/null   # builds the jar and the start-up cache if needed
aot="$root/target/jmicrovm.aot"
# as the launcher runs commands: C1 only, serial GC, the start-up cache (JDK >= 25)
launcher_flags="-Xss16m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
if grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  launcher_flags="$launcher_flags -XX:+UseTransparentHugePages"
fi
# (the cache is made with compact object headers, bin/lib/common.sh, and only maps with them)
if [ -f "$aot" ]; then launcher_flags="$launcher_flags -XX:+UseCompactObjectHeaders -XX:AOTCache=$aot -Xlog:aot=off -Xlog:cds=off"; fi
echo "## as launched (C1, start-up cache)"
# shellcheck disable=SC2086
"$java" $launcher_flags -cp "$root/target/jmicrovm.jar:$tmp/classes" ModuleBench --runs 5 --warmup 3 "$tmp/host.nix" "$tmp/ours.nix"
echo "## JVM defaults (C1+C2)"
"$java" -Xss16m -cp "$cp:$tmp/classes" ModuleBench --runs 5 --warmup 3 "$tmp/host.nix" "$tmp/ours.nix"

for i in 1 2 3; do
  /usr/bin/time -f "cli-eval-c-run$i	%e	(user %U s, sys %S s)" "$root/bin/microvm-host" eval -c "$tmp/host.nix" --json >"$tmp/cli.json"
done

if [ -n "${NIXPKGS_LIB:-}" ]; then
  export NIX_CONFIG="build-users-group ="
  cat >"$tmp/theirs.nix" <<NIX
import $here/module-projection.nix { lib = import $NIXPKGS_LIB; hostFile = $tmp/host.nix; schemaDir = $schema; pkgsFile = $fakepkgs; }
NIX
  # Alternating rounds, so that both see the same phases of a shared machine; the ratio is of medians.
  rounds="${MODULE_BENCH_ROUNDS:-5}"
  for i in $(seq 1 "$rounds"); do
    /usr/bin/time -o "$tmp/t" -f "%e	(user %U s, sys %S s)" \
      nix-instantiate --eval --strict --json "$tmp/theirs.nix" >"$tmp/theirs.json"
    printf 'nix-instantiate-run%s\t%s\n' "$i" "$(cat "$tmp/t")"; cut -f1 "$tmp/t" >>"$tmp/nix.times"
    /usr/bin/time -o "$tmp/t" -f "%e	(user %U s, sys %S s)" \
      "$root/bin/microvm-host" eval --json --strict "$tmp/ours.nix" >"$tmp/ours-cli.json"
    printf 'ours-projection-process-run%s\t%s\n' "$i" "$(cat "$tmp/t")"; cut -f1 "$tmp/t" >>"$tmp/ours.times"
    # the same file as host commands (eval -c, switch, plan) evaluate: C1 only; `eval FILE` keeps C2 for
    # arbitrary computations (bin/microvm-host)
    JMICROVM_JAVA_OPTS=-XX:TieredStopAtLevel=1 /usr/bin/time -o "$tmp/t" -f "%e	(user %U s, sys %S s)" \
      "$root/bin/microvm-host" eval --json --strict "$tmp/ours.nix" >"$tmp/ours-c1.json"
    printf 'ours-projection-process-c1-run%s\t%s\n' "$i" "$(cat "$tmp/t")"; cut -f1 "$tmp/t" >>"$tmp/ours-c1.times"
  done
  median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  nix_m=$(median "$tmp/nix.times"); ours_m=$(median "$tmp/ours.times")
  awk -v o="$ours_m" -v n="$nix_m" 'BEGIN { printf "projection-process-median\tours %.2f s, nix-instantiate %.2f s, ratio %.2f\n", o, n, o / n }'
  c1_m=$(median "$tmp/ours-c1.times")
  awk -v o="$c1_m" -v n="$nix_m" 'BEGIN { printf "projection-process-c1-median\tours %.2f s, nix-instantiate %.2f s, ratio %.2f\n", o, n, o / n }'
  cmp -s "$tmp/ours-c1.json" "$tmp/ours-cli.json" || echo "C1 and C1+C2 outputs DIFFER"
  "$java" -cp "$cp:$tmp/classes" ModuleBench --print "$tmp/ours.nix" >"$tmp/ours.json"
  if cmp -s "$tmp/ours.json" "$tmp/theirs.json"; then echo "same-json	yes"; else echo "same-json	NO"; fi
fi
