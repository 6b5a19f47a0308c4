# Version strings.
{ lib }:
rec {
  splitVersion = builtins.splitVersion;
  major = v: builtins.elemAt (splitVersion v) 0;
  minor = v: builtins.elemAt (splitVersion v) 1;
  patch = v: builtins.elemAt (splitVersion v) 2;
  majorMinor = v: builtins.concatStringsSep "." (lib.lists.take 2 (splitVersion v));
  pad = n: version:
    let
      numericVersion = builtins.head (builtins.match "([[:digit:]\\.]+).*" version);
      versionSuffix = lib.strings.removePrefix numericVersion version;
      digits = splitVersion numericVersion;
      strippedVersion = builtins.concatStringsSep "." (lib.lists.take n digits);
      padding = lib.lists.replicate (n - builtins.length digits) "0";
    in builtins.concatStringsSep "." ([ strippedVersion ] ++ padding) + versionSuffix;
}
