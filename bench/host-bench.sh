#!/usr/bin/env bash
# Host-layer benchmark (not part of the tests): `microvm -l` over 100 VM directories, and the
# supervisor's memory while it supervises 10 VMs. The VMs' runners are shell programs standing in
# for hypervisors: neither number depends on what the hypervisor is.
# Usage: bench/host-bench.sh   (prints a table; copy it into docs/performance.md)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
work="$(mktemp -d /tmp/jmicrovm-host-bench.XXXXXX)"
daemon_pid=""
cleanup() {
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || true
  for d in "$work"/state/*/; do
    [ -f "$d/.jmicrovm/microvm.pid" ] && kill "$(cut -d' ' -f1 "$d/.jmicrovm/microvm.pid")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

make_vm() { # name
  local name=$1 runner="$work/store/r-microvm-qemu-$1" system="$work/store/s-system-$1"
  mkdir -p "$runner/bin" "$runner/share/microvm" "$system" "$work/state/$name"
  ln -s "$system" "$runner/share/microvm/system"
  printf '#!/bin/sh\necho $$ > hv.pid\nexec sleep 3600\n' > "$runner/bin/microvm-run"
  printf '#!/bin/sh\nkill $(cat hv.pid)\n' > "$runner/bin/microvm-shutdown"
  chmod +x "$runner/bin/"*
  ln -s "$runner" "$work/state/$name/current"
  ln -s "$system" "$work/state/$name/toplevel"
}

"$here/bin/microvm" --help >/dev/null   # builds the jar and the class-data archive once
for i in $(seq 1 100); do make_vm "vm$i"; done

times=()
for run in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$here/bin/microvm" -l --state-dir "$work/state" > "$work/list.txt"
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
lines=$(wc -l < "$work/list.txt")
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "microvm -l, 100 VMs ($lines lines): median ${median} ms of 5 runs (${times[*]} ms)"

# The supervisor with 10 autostart VMs.
mkdir -p "$work/state/.jmicrovm"
printf '{"autostart":[%s],"startupTimeoutSeconds":5}\n' \
  "$(seq 1 10 | sed 's/.*/"vm&"/' | paste -sd,)" > "$work/state/.jmicrovm/host-settings.json"
"$here/bin/microvm-host" daemon --state-dir "$work/state" 2> "$work/daemon.log" &
daemon_pid=$!
for _ in $(seq 1 100); do
  [ "$(grep -c 'started VM' "$work/daemon.log" || true)" -ge 10 ] && break
  sleep 0.1
done
sleep 2
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$daemon_pid/status")
echo "supervisor supervising $(grep -c 'started VM' "$work/daemon.log") VMs: RSS $((rss_kb / 1024)) MiB"
