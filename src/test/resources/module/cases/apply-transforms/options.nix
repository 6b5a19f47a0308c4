{ lib, ... }:
{
  options.name = lib.mkOption { type = lib.types.str; apply = s: "vm-" + s; };
}
