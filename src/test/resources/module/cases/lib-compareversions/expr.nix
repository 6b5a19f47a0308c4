{ lib }:
{ major = lib.versions.major "6.1.55"; minor = lib.versions.minor "6.1.55"; majorMinor = lib.versions.majorMinor "6.1.55"; cmp = builtins.compareVersions "1.10" "1.9"; }
