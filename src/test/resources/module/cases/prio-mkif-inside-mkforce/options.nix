{ lib, ... }:
{
  options.mem = lib.mkOption { type = lib.types.int; };
}
