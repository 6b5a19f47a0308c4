{ lib, ... }:
{
  options.microvm.mem = lib.mkOption { type = lib.types.int; default = 512; };
}
