#!/usr/bin/env bash
# Installs the Debian packages jmicrovm and its tests need. Idempotent: apt-get runs
# only when something is missing. Needs root (or sudo) the first time.
set -euo pipefail

packages=(
  maven                 # builds jmicrovm
  nix-bin               # nix-instantiate: the oracle of the differential tests
  qemu-system-x86       # boots the guests (TCG where KVM is unusable)
  qemu-system-arm       # qemu-system-aarch64: aarch64-linux guests (TCG on an x86 host)
  qemu-utils
  erofs-utils           # store disks (storeOnDisk, erofs)
  squashfs-tools        # store disks (squashfs)
  e2fsprogs             # volumes (mkfs.ext4, debugfs in tests)
  busybox-static        # host-side busybox for tests
  socat                 # QMP from the generated microvm-shutdown script
  iproute2              # tap devices, network namespaces in tests
  nftables              # NAT for microvm.host.bridges.<name>.nat
  dnsmasq-base          # DHCP and DNS for microvm.host.bridges.<name>.dhcp
  curl                  # tests reach guest services inside a test network namespace
  openssh-client        # ssh, ssh-keygen, ssh-keyscan: tests log into guests; microvm -s runs ssh
  systemd               # systemd-analyze verify for exported units (systemd need not run)
  ca-certificates
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "jmicrovm: all Debian packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "jmicrovm: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
