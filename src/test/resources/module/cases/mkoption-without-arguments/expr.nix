{ lib }:
lib.mkOption { }
