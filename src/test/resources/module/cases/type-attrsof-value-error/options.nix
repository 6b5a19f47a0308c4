{ lib, ... }:
{
  options.ports = lib.mkOption { type = lib.types.attrsOf lib.types.port; };
}
