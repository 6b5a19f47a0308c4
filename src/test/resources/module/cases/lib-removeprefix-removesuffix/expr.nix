{ lib }:
{ a = lib.removePrefix "/nix/store/" "/nix/store/abc-hello"; b = lib.removePrefix "x" "abc"; c = lib.removeSuffix ".img" "var.img"; d = lib.removeSuffix ".img" "var.raw"; }
