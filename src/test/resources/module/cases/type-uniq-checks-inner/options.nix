{ lib, ... }:
{
  options.v = lib.mkOption { type = lib.types.uniq lib.types.int; };
}
