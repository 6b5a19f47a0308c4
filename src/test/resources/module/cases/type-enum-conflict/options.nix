{ lib, ... }:
{
  options.proto = lib.mkOption { type = lib.types.enum [ "9p" "virtiofs" ]; };
}
