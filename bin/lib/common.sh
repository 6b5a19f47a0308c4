# Shared by the launchers: locate the repository and a JDK >= 21.
# Sourced, not executed.

# Prints the absolute form of the path $1 with "." and ".." components resolved textually, without
# starting a process: each fork (readlink, dirname, a subshell) costs 1-3 ms, and `eval` of a small
# file takes ~50 ms in all (docs/performance.md).
jmicrovm_abs_path() {
  local path="$1" part out=""
  local -a parts
  [[ "$path" == /* ]] || path="$PWD/$path"
  IFS=/ read -r -a parts <<<"$path"
  for part in "${parts[@]}"; do
    case "$part" in
      ""|.) ;;
      ..) out="${out%/*}" ;;
      *) out="$out/$part" ;;
    esac
  done
  printf -v "${2:-REPLY}" '%s' "${out:-/}"
}

# Sets $2 (default REPLY) to the directory of the script $1, following it if it is a symbolic link
# (only then is readlink started).
jmicrovm_script_dir() {
  local script="$1"
  if [ -L "$script" ]; then
    script="$(readlink -f "$script")"
  fi
  case "$script" in
    */*) script="${script%/*}" ;;
    *) script=. ;;
  esac
  jmicrovm_abs_path "$script" "${2:-REPLY}"
}

jmicrovm_script_dir "${BASH_SOURCE[0]}" JMICROVM_HOME
JMICROVM_HOME="${JMICROVM_HOME%/*/*}"
# for the commands themselves: export-systemd writes the launcher's path into unit files
export JMICROVM_HOME

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing. Reads the JDK's
# `release` file when there is one: starting a JVM just to ask costs ~40 ms per candidate.
jmicrovm_java_version() {
  local home="$1" line version=""
  if [ -r "$home/release" ]; then
    line=$(grep -m 1 '^JAVA_VERSION=' "$home/release" 2>/dev/null || true)
    version="${line#JAVA_VERSION=\"}"; version="${version%%[.\"]*}"
    version="${version#1.}"   # 1.8.0 -> 8 (too old anyway)
  fi
  if ! [[ "$version" =~ ^[0-9]+$ ]]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$version"
}

# Finds a JDK >= 21: $JAVA_HOME if good enough, else the newest under /usr/lib/jvm.
# The machine's default java may be 17, which cannot run our --release 21 classes.
jmicrovm_find_jdk_uncached() {
  local candidate version best="" best_version=0
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* ; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(jmicrovm_java_version "$candidate")
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

# Sets JMICROVM_JDK and JMICROVM_JDK_VERSION, from target/jdk.cache when it answers for the same
# $JAVA_HOME and /usr/lib/jvm has not changed since (no JDK added or removed), else by searching.
# Runs no subprocess on the cached path: every fork counts when the whole command takes ~50 ms.
jmicrovm_locate_jdk() {
  local cache="$JMICROVM_HOME/target/jdk.cache" cached_key="" found="" version=""
  if [ -r "$cache" ] && ! [ /usr/lib/jvm -nt "$cache" ]; then
    { IFS= read -r cached_key; IFS= read -r found; IFS= read -r version; } <"$cache" || true
    if [ "$cached_key" = "${JAVA_HOME:-}" ] && [ -n "$found" ] && [ -x "$found/bin/java" ] && [ -n "$version" ]; then
      JMICROVM_JDK="$found"; JMICROVM_JDK_VERSION="$version"; return 0
    fi
  fi
  found=$(jmicrovm_find_jdk_uncached) || return 1
  version=$(jmicrovm_java_version "$found")
  if [ -d "$JMICROVM_HOME/target" ] || mkdir -p "$JMICROVM_HOME/target" 2>/dev/null; then
    printf '%s\n%s\n%s\n' "${JAVA_HOME:-}" "$found" "$version" >"$cache.$$" 2>/dev/null \
      && mv -f "$cache.$$" "$cache" 2>/dev/null || rm -f "$cache.$$"
  fi
  JMICROVM_JDK="$found"; JMICROVM_JDK_VERSION="$version"
}

# Prints the JDK >= 21 to use (see jmicrovm_locate_jdk).
jmicrovm_find_jdk() {
  jmicrovm_locate_jdk || return 1
  echo "$JMICROVM_JDK"
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

# JVM start-up dominates short commands (eval of a small file, microvm -l), so the launcher keeps a
# cache of the application's classes next to the jar, made on first use and reused afterwards:
#  - JDK >= 25: an AOT cache (JEPs 483, 514, 515: classes loaded and linked ahead of time, plus method
#    profiles), recorded by a silent training run of `microvm-host eval` on a small expression;
#  - JDK 21-24: a dynamic CDS archive (-XX:+AutoCreateSharedArchive), written by the first run.
# Both are only valid for the jar they were made from: they are remade when the jar is newer.
JMICROVM_TRAINING_EXPR='let vms = { web = { mem = 256; }; db = { mem = 512; tags = [ "a" "b" ]; }; };
  f = { name, mem ? 128, ... }@args: args // { inherit name mem; };
in builtins.mapAttrs (n: v: f (v // { name = n; })) vms // {
  s = builtins.concatStringsSep "," (map toString (builtins.sort builtins.lessThan [ 3 1 2 ]));
  j = builtins.fromJSON (builtins.toJSON { x = 1.5; y = "z"; });
  m = builtins.match "([a-z]+)-([0-9.]+)" "hello-1.0";
  r = builtins.replaceStrings [ "a" ] [ "b" ] (builtins.substring 0 3 "abcdef");
  l = builtins.foldl'"'"' (a: b: a + b) 0 (builtins.genList (i: i) 100);
  t = (builtins.tryEval (throw "x")).success;
  d = builtins.attrNames (builtins.readDir ./.) != [ ];
  # a second file: imported (parsed ahead, as the files a host configuration names are) and read
  p = import ./part.nix { n = 3; };
  f = if builtins.pathExists ./part.nix then builtins.stringLength (builtins.readFile ./part.nix) else 0;
  h = builtins.hashString "sha256" "x";
  c = builtins.compareVersions "1.2" "1.10";
  # the module system too: a host with guests evaluated as `eval -c` does, their options read and
  # assertions checked. A dozen guests, so that the cache also holds the profiles of the module engine
  # running hot: cold evaluations of large hosts then need half the CPU with C1+C2 (docs/performance.md).
  vms = let
    host = nixpkgs.lib.evalModules {
      specialArgs = { inherit nixpkgs microvm; };
      modules = [ microvm.nixosModules.host { _module.args.pkgs = import nixpkgs { system = "x86_64-linux"; }; } {
        microvm.vms = builtins.listToAttrs (builtins.genList (i: {
          name = "vm${toString i}";
          value.specialArgs = { inherit i; };
          value.config = { config, ... }: {
            microvm.hypervisor = if i == 1 then "cloud-hypervisor" else "qemu";
            microvm.mem = 256 + i;
            microvm.shares = [
              { tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; proto = "virtiofs"; }
              { tag = "a"; source = "/a"; mountPoint = "/a"; proto = "virtiofs"; readOnly = i == 2; } ];
            microvm.volumes = [ { image = "v.img"; mountPoint = "/v"; size = 1; label = "v"; } ];
            microvm.interfaces = [ { type = "tap"; id = "t${toString i}"; mac = "02:00:00:00:00:01"; } ];
            networking.interfaces.eth0.ipv4.addresses = [ { address = "10.0.0.2"; prefixLength = 24; } ];
            systemd.services.s = { script = "true ${config.networking.hostName}"; wantedBy = [ "multi-user.target" ]; };
          };
        }) 12);
      } ];
    };
    guest = vm: let c = vm.config.config; m = c.microvm; in [
      (map (a: a.assertion) c.assertions) c.warnings c.networking c.systemd.services c.environment.etc c.users
      (map (h: removeAttrs m.${h} [ "package" ]) [ "virtiofsd" "qemu" "firecracker" "cloud-hypervisor" "crosvm" ])
      (removeAttrs m.graphics [ "crosvmPackage" ]) m.kernel.name
      (map (i: { inherit (i) type id mac bridge; }) m.interfaces)
      { inherit (m) hypervisor vcpu mem balloon socket shares volumes forwardPorts devices machineId storeOnDisk
          writableStoreOverlay kernelParams initrdPath; } ];
  in [ (map (a: a.assertion) host.config.assertions) host.config.microvm.autostart
       (builtins.mapAttrs (n: guest) host.config.microvm.vms) ];
}'

# Sets the array JMICROVM_CACHE_FLAGS for the jar $1, preparing the cache first when needed.
jmicrovm_cache_flags() {
  local jar="$1" aot="$JMICROVM_HOME/target/jmicrovm.aot" cds="$JMICROVM_HOME/target/jmicrovm.jsa" tmp
  JMICROVM_CACHE_FLAGS=()
  if [ "${JMICROVM_JDK_VERSION:-0}" -ge 25 ]; then
    # Compact object headers (JEP 519, a product feature since 25): 4 bytes less per object. The
    # evaluator's data are millions of small objects (thunks, strings, sets): less to allocate and
    # for the collector to copy, ~15 % of a string-heavy evaluation. The cache must be made with
    # the same setting, so the training run gets it too.
    local headers=-XX:+UseCompactObjectHeaders
    if ! { [ -f "$aot" ] && [ "$aot" -nt "$jar" ]; }; then
      tmp="$aot.$$"
      echo "jmicrovm: preparing the start-up cache (once per build) ..." >&2
      # Trained on a file (as most evaluations are) that imports and reads a second one, so that the file
      # classes and those parsing imported files ahead are in.
      mkdir -p "$tmp.d"
      printf '%s\n' "$JMICROVM_TRAINING_EXPR" >"$tmp.d/train.nix"
      printf '%s\n' '{ n }: builtins.genList (i: i * n) n' >"$tmp.d/part.nix"
      "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$tmp" -Xlog:aot=off -Xlog:cds=off "$headers" -Xss16m -XX:+UseSerialGC \
        -XX:TieredStopAtLevel=1 -XX:-UsePerfData \
        -cp "$jar" org.jmicrovm.cli.MicrovmHostCommand eval --json --strict "$tmp.d/train.nix" \
        >/dev/null 2>&1 </dev/null || true
      # Moved into place only when complete, so that a concurrent launcher never maps a partial file.
      if [ -s "$tmp" ]; then mv -f "$tmp" "$aot"; fi
      rm -rf "$tmp" "$tmp.config" "$tmp.d"
    fi
    JMICROVM_CACHE_FLAGS=("$headers")
    if [ -f "$aot" ]; then
      # ArchiveRelocationMode=0: map the cache at the address it was made for instead of at a random
      # one. JDK 21+ relocates by default (address-space randomisation of the class metadata), which
      # rewrites every pointer in the ~17 MB cache: 8-30 ms of each start (docs/performance.md). The
      # JVM still relocates when that address is taken. A diagnostic flag, hence the unlock.
      JMICROVM_CACHE_FLAGS+=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off
        -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0)
    fi
  else
    JMICROVM_CACHE_FLAGS=(-Xlog:cds=off -Xlog:cds+dynamic=off -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$cds")
  fi
}

# Sets JMICROVM_HUGE_PAGES_FLAG to -XX:+UseTransparentHugePages when the kernel gives transparent huge
# pages only to memory that asks for them ("madvise", Debian's default). An evaluation allocates 100 MB
# and more of fresh heap within a second; touching it in 4 KiB pages costs page faults worth 5-10 % of a
# cold evaluation (docs/performance.md). With "always" the kernel does it unasked; with "never" the JVM
# would only print a warning. Read with the shell's `read`, no process started.
jmicrovm_huge_pages_flag() {
  local mode=""
  JMICROVM_HUGE_PAGES_FLAG=""
  { IFS= read -r mode </sys/kernel/mm/transparent_hugepage/enabled; } 2>/dev/null || true
  if [[ "$mode" == *"[madvise]"* ]]; then
    JMICROVM_HUGE_PAGES_FLAG=-XX:+UseTransparentHugePages
  fi
}

jmicrovm_run_main() {
  local main_class="$1"; shift
  jmicrovm_locate_jdk || exit 1
  export JAVA_HOME="$JMICROVM_JDK"
  # -XX:-UsePerfData: no hsperfdata file to create per run (nobody attaches jstat to a 50 ms command).
  # Commands are short: C1 alone costs half the CPU of C1+C2 and halves the time of evaluating a
  # 100-VM host (docs/performance.md); JMICROVM_JAVA_OPTS adds or overrides flags.
  local java_opts=(-Xss16m -XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1)
  jmicrovm_huge_pages_flag
  java_opts+=(${JMICROVM_HUGE_PAGES_FLAG:-} ${JMICROVM_JAVA_OPTS:-})
  # JMICROVM_CLASSPATH runs other classes (e.g. what a test run compiled) without building or caching.
  if [ -n "${JMICROVM_CLASSPATH:-}" ]; then
    exec "$JAVA_HOME/bin/java" "${java_opts[@]}" -cp "$JMICROVM_CLASSPATH" "$main_class" "$@"
  fi
  jmicrovm_ensure_built || exit 1
  local jar="$JMICROVM_HOME/target/jmicrovm.jar"
  jmicrovm_cache_flags "$jar"
  exec "$JAVA_HOME/bin/java" "${JMICROVM_CACHE_FLAGS[@]}" "${java_opts[@]}" -cp "$jar" "$main_class" "$@"
}
