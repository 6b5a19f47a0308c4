#!/usr/bin/env bash
# Regenerates the expected outputs of the module-system corpus with nixpkgs' lib as the oracle.
#
#   NIXPKGS_LIB=/path/to/nixpkgs/lib  src/test/resources/module/regenerate.sh [CASE-DIR...]
#
# NIXPKGS_LIB may name a lib directory or a nixpkgs checkout (then its lib/ is used).
# Without arguments every directory under cases/ and schema-expected/ is regenerated.
# For each case, harness.nix is evaluated with `nix-instantiate --eval --strict --json`:
#   success -> expected.json        (stdout as printed, plus a newline; the case directory's
#                                    absolute path + "/" removed, as in error messages)
#   failure -> expected-error.txt   (the error message, normalized as README.md describes)
# The script fails when a case's outcome differs from the "expect" field of its case.json.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
schema_dir="$repo/src/main/resources/org/jmicrovm/module/schema"

: "${NIXPKGS_LIB:?set NIXPKGS_LIB to nixpkgs lib (or a nixpkgs checkout)}"
lib=$(cd "$NIXPKGS_LIB" && pwd)
if [[ -f "$lib/lib/default.nix" ]]; then lib="$lib/lib"; fi
[[ -f "$lib/modules.nix" ]] || { echo "not a nixpkgs lib directory: $lib" >&2; exit 2; }

# nix-instantiate needs no daemon for --eval; keep its state out of the system.
export NIX_CONFIG="${NIX_CONFIG:-build-users-group =}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export NIX_STATE_DIR="${NIX_STATE_DIR:-$scratch/state}" HOME="${HOME:-$scratch}"
unset NIX_PATH

if [[ $# -gt 0 ]]; then
  cases=("$@")
else
  mapfile -t cases < <(find "$here/cases" "$here/schema-expected" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort)
fi

# The message without "error: ", without the source excerpt and hint Nix appends, without the
# 7-column indentation of continuation lines, and with machine-specific directories removed.
normalize_error() {
  local case_dir=$1
  awk '
    !started && /^error: / { started = 1; sub(/^error: /, "") }
    !started { next }
    /^\(use .--show-trace. to show detailed location information\)$/ { exit }
    /^ +at .*:[0-9]+:[0-9]+:$/ { exit }
    { sub(/^       /, ""); lines[n++] = $0 }
    END { while (n > 0 && lines[n-1] ~ /^[ \t]*$/) n--; for (i = 0; i < n; i++) print lines[i] }
  ' | sed -e "s|$case_dir/||g" -e "s|$schema_dir/|schema:|g" -e "s|$lib/|<lib>/|g"
}

failures=0
count=0
lib_version=$(nix-instantiate --eval --json -E "(import $lib).version" | tr -d '"')
for case_dir in "${cases[@]}"; do
  case_dir=$(cd "$case_dir" && pwd)
  name=${case_dir#"$here/"}
  [[ -f "$case_dir/case.json" ]] || continue   # shared files, e.g. schema-expected/common
  expect=$(jq -r '.expect // "value"' "$case_dir/case.json")
  count=$((count + 1))
  set +e
  timeout 120 nix-instantiate --eval --strict --json \
    -E "import $here/harness.nix { lib = import $lib; caseDir = $case_dir; schemaDir = $schema_dir; }" \
    >"$scratch/out" 2>"$scratch/err"
  rc=$?
  set -e
  rm -f "$case_dir/expected.json" "$case_dir/expected-error.txt"
  if [[ $rc -eq 0 ]]; then
    { sed -e "s|$case_dir/||g" -e "s|$schema_dir/|schema:|g" "$scratch/out"; echo; } >"$case_dir/expected.json"
    outcome=value
  elif [[ $rc -eq 124 ]]; then
    echo "FAIL $name: nix-instantiate did not finish in 120 s" >&2
    failures=$((failures + 1))
    continue
  else
    normalize_error "$case_dir" <"$scratch/err" >"$case_dir/expected-error.txt"
    [[ -s "$case_dir/expected-error.txt" ]] || { echo "FAIL $name: no error message"; cat "$scratch/err"; } >&2
    outcome=error
  fi
  if [[ $outcome != "$expect" ]]; then
    echo "FAIL $name: expected $expect, got $outcome" >&2
    sed 's/^/    /' "$case_dir/expected-$([[ $outcome == value ]] && echo json || echo error.txt)" >&2
    failures=$((failures + 1))
  fi
done
echo "$lib_version" >"$here/ORACLE-LIB-VERSION"
echo "regenerated $count cases with nixpkgs lib $lib_version; $failures unexpected outcomes"
[[ $failures -eq 0 ]]
