#!/usr/bin/env bash
# Fetches the Debian packages pinned in jmicrovm's package lock (kernels, busybox-static) into the
# deb cache, so builds and the VM tests need no network afterwards. Idempotent: a cached file whose
# SHA-256 matches the lock is kept. Cache: $MICROVM_DEB_CACHE, else /var/cache/jmicrovm/debs as
# root, else ${XDG_CACHE_HOME:-~/.cache}/jmicrovm/debs (the same rule as the Java DebCache).
set -euo pipefail
here="$(dirname "$(readlink -f "$0")")"
lock="$here/../../src/main/resources/org/jmicrovm/build/pkgs/debian-bookworm.lock"
if [ -n "${MICROVM_DEB_CACHE:-}" ]; then cache="$MICROVM_DEB_CACHE"
elif [ "$(id -u)" -eq 0 ]; then cache=/var/cache/jmicrovm/debs
else cache="${XDG_CACHE_HOME:-$HOME/.cache}/jmicrovm/debs"; fi
mkdir -p "$cache"
work="$(mktemp -d "$cache/.fetch-XXXXXX")"
chmod 0777 "$work"   # apt's download user writes here
trap 'rm -rf "$work"' EXIT
updated=
grep -v '^#' "$lock" | while read -r arch name version size sha file; do
  [ -n "$name" ] || continue
  target="$cache/$sha.deb"
  if [ -f "$target" ] && echo "$sha  $target" | sha256sum -c --quiet 2>/dev/null; then
    echo "jmicrovm: $name $version cached"
    continue
  fi
  echo "jmicrovm: fetching $name $version ($((size / 1000000)) MB)"
  got="$work/${name}_${version//:/%3a}_${arch}.deb"
  if [ "$arch" != "$(dpkg --print-architecture)" ] \
      && ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    # apt knows no foreign architecture it was not told about: fetch the archive file directly
    # (the SHA-256 check below is what makes it trustworthy, as for apt's download)
    fetched=
    for base in http://deb.debian.org/debian http://deb.debian.org/debian-security; do
      if curl -fsL -o "$got" "$base/$file"; then fetched=1; break; fi
    done
    [ -n "$fetched" ] || { echo "jmicrovm: $file is on no mirror" >&2; exit 1; }
  elif ! (cd "$work" && apt-get download -q "$name:$arch=$version"); then
    if [ -z "$updated" ]; then apt-get update -qq; updated=1; fi
    (cd "$work" && apt-get download -q "$name:$arch=$version")
  fi
  echo "$sha  $got" | sha256sum -c --quiet
  mv "$got" "$target"
done
