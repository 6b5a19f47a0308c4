{ lib, ... }:
{
  options.v = lib.mkOption { };
}
