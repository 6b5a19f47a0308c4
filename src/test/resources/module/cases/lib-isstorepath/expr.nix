{ lib }:
{ yes = lib.isStorePath "/nix/store/00000000000000000000000000000001-hello-2.12"; sub = lib.isStorePath "/nix/store/00000000000000000000000000000001-hello-2.12/bin"; no = lib.isStorePath "/tmp/hello"; }
