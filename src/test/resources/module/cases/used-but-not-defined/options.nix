{ lib, ... }:
{
  options.network.gateway = lib.mkOption { type = lib.types.str; };
}
