{ lib, ... }:
{
  options.mac = lib.mkOption { type = lib.types.strMatching "([0-9a-f]{2}:){5}[0-9a-f]{2}"; };
}
