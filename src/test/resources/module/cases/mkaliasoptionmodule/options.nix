{ lib, ... }:
{
  imports = [ (lib.mkAliasOptionModule [ "vcpus" ] [ "microvm" "vcpu" ]) ];
  options.microvm.vcpu = lib.mkOption { type = lib.types.int; default = 1; };
}
