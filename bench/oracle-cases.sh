#!/bin/sh
# Regenerates the expected outputs of src/test/resources/org/jmicrovm/module/oracle-cases.txt with
# nixpkgs' lib under nix-instantiate (the oracle of the module corpus, see its README).
#   NIXPKGS_LIB=/path/to/nixpkgs-lib/lib bench/oracle-cases.sh
set -eu
: "${NIXPKGS_LIB:?set NIXPKGS_LIB to the lib directory of nixpkgs}"
file="$(dirname "$0")/../src/test/resources/org/jmicrovm/module/oracle-cases.txt"
export NIX_CONFIG="build-users-group ="
tmp=$(mktemp)
while IFS= read -r line; do
  case "$line" in
    "#"*|"") printf '%s\n' "$line" ;;
    "=> "*) ;;
    *) printf '%s\n' "$line"
       printf '=> %s\n' "$(nix-instantiate --eval --strict --json -E "let lib = import $NIXPKGS_LIB; in $line")" ;;
  esac
done <"$file" >"$tmp"
mv "$tmp" "$file"
