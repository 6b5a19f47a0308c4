{ lib, ... }:
{
  options.opts = lib.mkOption { type = lib.types.commas; };
}
