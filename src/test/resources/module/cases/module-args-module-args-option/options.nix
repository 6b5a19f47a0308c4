{ lib, ... }:
{
  options.kernel = lib.mkOption { type = lib.types.str; };
}
