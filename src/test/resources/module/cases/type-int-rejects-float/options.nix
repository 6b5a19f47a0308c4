{ lib, ... }:
{
  options.count = lib.mkOption { type = lib.types.int; };
}
