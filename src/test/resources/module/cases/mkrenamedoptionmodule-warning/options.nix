{ lib, ... }:
{
  imports = [ (lib.mkRenamedOptionModule [ "microvm" "memory" ] [ "microvm" "mem" ]) ];
  options.microvm.mem = lib.mkOption { type = lib.types.int; default = 512; };
}
