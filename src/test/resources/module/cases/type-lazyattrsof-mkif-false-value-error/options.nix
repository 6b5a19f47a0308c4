{ lib, ... }:
{
  options.env = lib.mkOption { type = lib.types.lazyAttrsOf lib.types.str; };
}
