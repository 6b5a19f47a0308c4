#!/usr/bin/env bash
# A no-op `microvm-host switch` of a host declaring 50 fully-declarative VMs (shares, volumes,
# interfaces; autostart off so nothing boots): the first switch builds and installs them, the
# following ones find nothing to do. Not part of the tests. Usage: bench/switch-bench.sh
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
work="$(mktemp -d /tmp/jmicrovm-switch-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
{
  echo '{ microvm, ... }: {'
  echo '  imports = [ microvm.host ];'
  echo '  microvm.vms = {'
  for i in $(seq 0 49); do
    printf '    vm%d = { autostart = false; config = {\n' "$i"
    echo '      microvm.shares = [{ source = "/nix/store"; mountPoint = "/nix/.ro-store"; tag = "ro-store"; proto = "virtiofs"; }];'
    echo '      microvm.volumes = [{ image = "data.img"; mountPoint = "/var/lib/data"; size = 64; }];'
    printf '      microvm.interfaces = [{ type = "user"; id = "usernet"; mac = "02:00:00:00:00:%02x"; }];\n' "$i"
    echo '    }; };'
  done
  echo '  };'
  echo '}'
} > "$work/host.nix"
args=(-c "$work/host.nix" --state-dir "$work/state" --store "${MICROVM_STORE:-$work/store}")
/usr/bin/time -f "first switch (builds 50 VMs): %e s, max RSS %M KB" "$here/bin/microvm-host" switch "${args[@]}" >/dev/null
for run in 1 2 3; do
  /usr/bin/time -f "no-op switch: %e s, max RSS %M KB" "$here/bin/microvm-host" switch "${args[@]}" >/dev/null
done
