{ lib, ... }:
{
  options.who = lib.mkOption { type = lib.types.listOf lib.types.str; };
}
