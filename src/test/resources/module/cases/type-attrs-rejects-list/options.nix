{ lib, ... }:
{
  options.a = lib.mkOption { type = lib.types.attrs; };
}
