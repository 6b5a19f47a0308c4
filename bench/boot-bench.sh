#!/usr/bin/env bash
# Build and boot benchmark (issue 4; not part of bin/test): boot time of jmicrovm's VMs against a bare
# qemu with the same kernel measured in the same run, qemu RSS, initrd and store-disk sizes, cold and
# warm build times. Results are recorded by hand in docs/performance.md.
#
#   bench/boot-bench.sh [--runs N] [--boot-only | --build-only] [--work DIR]
#   (--boot-only: only the bare and seed VM boots; --build-only: only the build times)
#
# The store is $MICROVM_STORE, else /tmp/jmicrovm-bench-store; the pinned debs must be in the deb cache
# (bin/lib/fetch-debs.sh), so no download is timed. MICROVM_ACCEL=kvm|tcg forces the accelerator.
set -euo pipefail
here="$(dirname "$(readlink -f "$0")")"
source "$here/../bin/lib/common.sh"
JAVA_HOME="$(jmicrovm_find_jdk)"
export JAVA_HOME
bash "$here/../bin/lib/fetch-debs.sh" >/dev/null
cd "$JMICROVM_HOME"
echo "jmicrovm bench: building jmicrovm" >&2
mvn -q -B -o -DskipTests package >&2 2>/dev/null || mvn -q -B -DskipTests package >&2
classes="$JMICROVM_HOME/target/bench-classes"
rm -rf "$classes"
mkdir -p "$classes"
cp="$JMICROVM_HOME/target/jmicrovm.jar:$JMICROVM_HOME/target/lib/*"
"$JAVA_HOME/bin/javac" --release 21 -Xlint:all -Werror -d "$classes" -cp "$cp" \
  $(find "$here/java" -name '*.java')
# A jar, not a directory: the warm build in a new JVM uses a class-data archive, which needs jars only.
"$JAVA_HOME/bin/jar" --create --file "$JMICROVM_HOME/target/bench.jar" -C "$classes" .
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$JMICROVM_HOME/target/bench.jar:$cp" org.jmicrovm.bench.BootBench "$@"
