{ lib, ... }:
{
  options.cid = lib.mkOption { type = lib.types.nullOr lib.types.int; default = null; };
}
