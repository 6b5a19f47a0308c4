{ lib, ... }:
{
  options.mem = lib.mkOption { type = lib.types.int; default = 512; description = "Memory in MiB."; };
  options.summary = lib.mkOption { type = lib.types.str; };
}
