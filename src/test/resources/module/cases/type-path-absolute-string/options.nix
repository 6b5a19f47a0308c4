{ lib, ... }:
{
  options.dir = lib.mkOption { type = lib.types.path; default = "/var/lib/microvms"; };
}
