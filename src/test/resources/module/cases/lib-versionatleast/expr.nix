{ lib }:
{ a = lib.versionAtLeast "6.1.0" "5.16"; b = lib.versionAtLeast "5.4" "5.16"; c = lib.versionOlder "2.8.0" "2.18"; d = lib.versionAtLeast "1.0" "1.0"; e = lib.versionAtLeast "6.1.0-rc1" "6.1"; }
