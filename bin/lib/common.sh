# Shared by the launchers: locate the repository and a JDK >= 21.
# Sourced, not executed.

JMICROVM_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

# Prints the feature version of the java binary given (17, 21, 25, ...), or nothing.
jmicrovm_java_version() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Finds a JDK >= 21: $JAVA_HOME if good enough, else the newest under /usr/lib/jvm.
# The machine's default java may be 17, which cannot run our --release 21 classes.
jmicrovm_find_jdk() {
  local candidate version best="" best_version=0
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* ; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(jmicrovm_java_version "$candidate/bin/java")
    [ -n "$version" ] || continue
    if [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate"; best_version="$version"
    fi
    # An explicit JAVA_HOME that qualifies wins over anything newer.
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$version" -ge 21 ]; then
      echo "$candidate"; return 0
    fi
  done
  if [ -z "$best" ]; then
    echo "jmicrovm: no JDK >= 21 found (checked \$JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "hint: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME." >&2
    return 1
  fi
  echo "$best"
}

# Builds target/jmicrovm.jar when it is missing or older than the sources.
jmicrovm_ensure_built() {
  local jar="$JMICROVM_HOME/target/jmicrovm.jar"
  if [ -f "$jar" ] && [ -z "$(find "$JMICROVM_HOME/src/main" "$JMICROVM_HOME/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "jmicrovm: building $jar ..." >&2
  (cd "$JMICROVM_HOME" && JAVA_HOME="$JAVA_HOME" mvn -q -B -DskipTests package >&2) || {
    echo "jmicrovm: build failed" >&2; return 1; }
}

jmicrovm_run_main() {
  local main_class="$1"; shift
  JAVA_HOME="$(jmicrovm_find_jdk)" || exit 1
  export JAVA_HOME
  jmicrovm_ensure_built || exit 1
  # Class data sharing cuts JVM start-up for short commands (eval, -l); the archive is
  # created on first use and reused afterwards.
  local cds="$JMICROVM_HOME/target/jmicrovm.jsa"
  exec "$JAVA_HOME/bin/java" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$cds" \
    -Xss16m -XX:+UseSerialGC \
    -cp "$JMICROVM_HOME/target/jmicrovm.jar" "$main_class" "$@"
}
