#!/usr/bin/env bash
# Package-layer benchmark (not part of the tests): resolution time against apt-get --simulate in the
# same run (ratio), cold fetch + unpack throughput of nginx's closure, warm rebuild from the lock, and
# the size of an nginx guest's store disk. Needs the Debian mirror the host's apt uses.
# Usage: bench/pkgs-bench.sh   (prints table rows; copy them into docs/performance.md)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
source "$here/bin/lib/common.sh"
JAVA_HOME="$(jmicrovm_find_jdk)"
export JAVA_HOME
cd "$here"
mvn -q -B -o test-compile
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -Xmx2g -cp "target/classes:target/test-classes:$(cat "$cp")" org.jmicrovm.build.pkgs.PkgsBench
