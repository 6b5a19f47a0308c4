{ lib, ... }:
{
  options.n = lib.mkOption { type = lib.types.int; };
}
