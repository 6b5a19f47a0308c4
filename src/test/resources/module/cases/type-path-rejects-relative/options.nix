{ lib, ... }:
{
  options.dir = lib.mkOption { type = lib.types.path; };
}
