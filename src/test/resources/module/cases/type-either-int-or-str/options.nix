{ lib, ... }:
{
  options.threads = lib.mkOption { type = lib.types.either lib.types.ints.unsigned lib.types.str; };
  options.other = lib.mkOption { type = lib.types.either lib.types.ints.unsigned lib.types.str; };
}
